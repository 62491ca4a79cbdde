import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "~/db/index";
import type { FeedFilters, FeedSort, NoticeFormValues } from "~/schemas/notices";
import type { callerFor } from "./callers";

// Minimal valid notice inputs, as a form would submit them, for tests that need notices to exist.
// Seizures and company alerts default to TLP:CLEAR (every member reads them); an arrest may never
// be CLEAR or GREEN, so it defaults to AMBER released to Kazakhstan.

type Seizure = Extract<NoticeFormValues, { kind: "seizure" }>;
type Company = Extract<NoticeFormValues, { kind: "company_alert" }>;
type Arrest = Extract<NoticeFormValues, { kind: "arrest" }>;

const common = {
  title: "Test notice",
  occurredOn: "2026-03-14",
  crossingId: "torugart",
  tlp: "clear",
  sourceReliability: "B",
  infoCredibility: 2,
  handlingCode: "intelligence_only",
} as const;

export const seizureInput = (overrides: Partial<Seizure> = {}): Seizure => ({
  ...common,
  kind: "seizure",
  items: [{ substanceId: "acetic-anhydride", quantity: 2, unit: "t" }],
  ...overrides,
});

export const companyInput = (overrides: Partial<Company> = {}): Company => ({
  ...common,
  kind: "company_alert",
  names: [{ script: "latin", name: "Alpha Trade LLC" }],
  grounds: ["misdeclaration"],
  recommendedAction: "Inspect every shipment from this company",
  expiresOn: "2027-03-14",
  ...overrides,
});

export const arrestInput = (overrides: Partial<Arrest> = {}): Arrest => ({
  ...common,
  tlp: "amber",
  releaseCountryCodes: ["KZ"],
  kind: "arrest",
  persons: [{ names: { latin: "Ivan Petrov", cyrillic: "Иван Петров" }, nationalityCode: "KZ", birthYear: 1980, role: "driver" }],
  arrestStatus: "detained",
  ...overrides,
});

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

/** Creates a notice through the real procedure, as the form does (a fresh idempotency key each time). */
export async function createThrough(caller: Caller, notice: NoticeFormValues, options: { asDraft?: boolean } = {}) {
  return caller.notices.create({ idempotencyKey: randomUUID(), asDraft: options.asDraft ?? false, notice });
}

/** The ids of every page of the feed in one order, following the cursors. */
export async function allFeedPages(caller: Caller, filters: FeedFilters, limit: number, sort?: FeedSort) {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await caller.notices.feed({ filters, sort, cursor, limit });
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

/** Rows of notice_substances (migration 0019) that differ from what the published notices' own lists say, either way. */
export async function substanceIndexDrift(): Promise<number> {
  const derived = sql`SELECT DISTINCT s, n.id, n.tlp, n.published_at FROM notices n, unnest(n.substance_ids) s WHERE n.status = 'published'`;
  const kept = sql`SELECT substance_id, notice_id, tlp, published_at FROM notice_substances`;
  const [row] = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ((${kept} EXCEPT ALL ${derived}) UNION ALL (${derived} EXCEPT ALL ${kept})) d`,
  );
  return row!.n;
}

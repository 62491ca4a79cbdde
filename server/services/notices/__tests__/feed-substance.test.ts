import { randomUUID } from "node:crypto";
import { eq, fillPlaceholders, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { databaseUrl, db, SESSION_SETTINGS } from "~/db/index";
import { notices, noticeSubstances } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { FEED_SORTS, ZFeedInput, type FeedFilters, type FeedSort } from "~/schemas/notices";
import type { Role } from "~/server/auth/roles";
import { encodeCursor } from "~/server/services/notices/cursor";
import { feedQuery, isValueIndependent } from "~/server/services/notices/feed";
import { placeholders } from "~/server/services/visibility";
import { callerFor } from "~/tests/callers";
import { allFeedPages, arrestInput, companyInput, createThrough, seizureInput, substanceIndexDrift } from "~/tests/notices";
import { queryPlan } from "~/tests/query-plan";

// The substance filter walks notice_substances (migration 0019), a copy of each published notice's
// substances kept by a trigger. These tests hold the copy equal to the notices, the filtered feed
// equal to what the notices' own lists give, and the plan to that index.

type Session = Awaited<ReturnType<typeof callerFor>>;

const member = async (agencyId: string, role: Role = "analyst"): Promise<Session> => callerFor(await createUser(db, { agencyId, role }));

const AA = "acetic-anhydride";
const items = (...substanceIds: string[]) => substanceIds.map((substanceId) => ({ substanceId, quantity: 100, unit: "kg" as const }));

const rowsOf = (noticeId: string) =>
  db
    .select({ substanceId: noticeSubstances.substanceId, tlp: noticeSubstances.tlp, publishedAt: noticeSubstances.publishedAt })
    .from(noticeSubstances)
    .where(eq(noticeSubstances.noticeId, noticeId))
    .orderBy(noticeSubstances.substanceId);

describe("the substance filter's index", () => {
  it("holds each published notice's substances with its TLP and publication time, through every change", async () => {
    const agency = await createAgency(db, { countryCode: "KG" });
    const author = await member(agency.id);
    const seizure = await createThrough(author.caller, seizureInput({ items: items(AA, "acetone", AA) }));
    const [{ publishedAt }] = (await db.select({ publishedAt: notices.publishedAt }).from(notices).where(eq(notices.id, seizure.id))) as [
      { publishedAt: Date },
    ];
    expect(await rowsOf(seizure.id)).toEqual([
      { substanceId: AA, tlp: "clear", publishedAt },
      { substanceId: "acetone", tlp: "clear", publishedAt },
    ]);
    const draft = await createThrough(author.caller, seizureInput({ items: items(AA) }), { asDraft: true });
    expect(await rowsOf(draft.id)).toEqual([]);

    // Other substances and another TLP, through the form.
    await author.caller.notices.update({ id: seizure.id, version: 1, notice: seizureInput({ tlp: "green", items: items("piperonal") }) });
    expect(await rowsOf(seizure.id)).toEqual([{ substanceId: "piperonal", tlp: "green", publishedAt }]);
    const moved = new Date("2026-01-02T03:04:05.678Z");
    await db.update(notices).set({ publishedAt: moved }).where(eq(notices.id, seizure.id));
    expect(await rowsOf(seizure.id)).toEqual([{ substanceId: "piperonal", tlp: "green", publishedAt: moved }]);
    expect(await substanceIndexDrift()).toBe(0);

    // Retracted: no longer in the feed, so no longer in its index.
    await author.caller.notices.retract({ id: seizure.id, reason: "Entered in error" });
    expect(await rowsOf(seizure.id)).toEqual([]);
    const deleted = await createThrough(author.caller, seizureInput({ items: items(AA) }));
    await db.delete(notices).where(eq(notices.id, deleted.id));
    expect(await rowsOf(deleted.id)).toEqual([]);
    expect(await substanceIndexDrift()).toBe(0);
  });
});

describe("the substance filter's pages", () => {
  it("gives every reader the pages, order and counts that the notices' own lists give", async () => {
    const agency = await createAgency(db, { countryCode: "KG" });
    const author = await member(agency.id);
    const kazakh = await member("kz-sgd-customs");
    const tajik = await member("tj-customs");
    const coordinator = await member("unodc-roca", "coordinator");
    const seizure = (tlp: "clear" | "green" | "amber" | "amber_strict" | "red", substances: string[], more: Parameters<typeof seizureInput>[0] = {}) =>
      createThrough(author.caller, seizureInput({ tlp, items: items(...substances), ...more }));
    const created = [
      await seizure("clear", [AA]),
      await seizure("green", ["acetone", AA], { crossingId: "irkeshtam" }),
      await seizure("amber", [AA], { releaseAgencyIds: ["kz-sgd-customs"] }),
      await seizure("amber", [AA], { releaseCountryCodes: ["TJ"] }),
      await seizure("amber", [AA, "piperonal"], { releaseCountryCodes: ["KZ"], occurredOn: "2025-11-30" }),
      await seizure("amber_strict", [AA], { releaseAgencyIds: ["tj-customs"] }),
      await seizure("red", [AA], { recipientIds: [kazakh.viewer.userId] }),
      await seizure("amber", ["piperonal"], { releaseCountryCodes: ["KZ"] }),
      await seizure("clear", ["acetone"], { occurredOn: "2026-01-10" }),
      await seizure("clear", [AA], { occurredOn: "2025-06-01" }),
      await createThrough(author.caller, companyInput()),
      await createThrough(author.caller, arrestInput()),
    ];
    await author.caller.notices.retract({ id: (await seizure("clear", [AA])).id, reason: "Entered in error" });
    await createThrough(author.caller, seizureInput({ items: items(AA) }), { asDraft: true });
    // Ties in publication time, broken by id in both orders.
    const tie = new Date("2026-02-01T00:00:00.000Z");
    for (const { id } of created.slice(0, 4)) await db.update(notices).set({ publishedAt: tie }).where(eq(notices.id, id));

    const lists = new Map((await db.select({ id: notices.id, substanceIds: notices.substanceIds }).from(notices)).map((n) => [n.id, n.substanceIds]));
    const cases: { filters: FeedFilters; sorts?: readonly FeedSort[] }[] = [
      { filters: { substanceId: AA }, sorts: FEED_SORTS },
      { filters: { substanceId: AA, tlp: "amber" }, sorts: ["posted", "posted_asc"] },
      { filters: { substanceId: AA, kind: "seizure", tlp: "amber" } },
      { filters: { substanceId: AA, kind: "company_alert" } },
      { filters: { substanceId: "piperonal" } },
      { filters: { substanceId: "acetone", crossingId: "irkeshtam" } },
      { filters: { substanceId: AA, agencyId: agency.id } },
      { filters: { substanceId: AA, countryCode: "KG" } },
      { filters: { substanceId: AA, from: "2025-01-01", to: "2025-12-31" } },
      { filters: { substanceId: AA, status: "retracted" } },
      { filters: { substanceId: AA, status: "draft" } },
    ];
    for (const reader of [author, kazakh, tajik, coordinator]) {
      for (const { filters, sorts = ["posted"] as const } of cases) {
        const { substanceId, ...rest } = filters;
        for (const sort of sorts) {
          const expected = (await allFeedPages(reader.caller, rest, 100, sort)).filter((id) => lists.get(id)!.includes(substanceId!));
          for (const limit of [1, 2, 25]) {
            expect(
              await allFeedPages(reader.caller, filters, limit, sort),
              `${reader.viewer.role} of ${reader.viewer.agencyId}, ${JSON.stringify(filters)}, ${sort}, pages of ${limit}`,
            ).toEqual(expected);
          }
          if (sort === "posted") expect(await reader.caller.notices.feedCount({ filters })).toEqual({ count: expected.length, more: false });
        }
      }
    }
  });
});

describe("the substance filter's plan", () => {
  it("walks notice_substances in the feed's order, with one generic plan for a common substance and a rare one", async () => {
    const agency = await createAgency(db, { countryCode: "KZ" });
    const author = await createUser(db, { agencyId: agency.id, role: "analyst" });
    // Bulk notices straight into the table (the trigger fills the index), as lopsided as the real
    // ones: mostly seizures, mostly AMBER, mostly acetic anhydride; piperonal in one of fifty.
    await db.execute(sql`
      INSERT INTO notices (kind, title, narrative, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
                           source_reliability, info_credibility, handling_code, published_at, substance_ids)
      SELECT CASE WHEN g % 20 < 12 THEN 'seizure' WHEN g % 20 < 17 THEN 'company_alert' ELSE 'arrest' END::notice_kind,
             'Bulk notice ' || g, 'Routine shipment number ' || g, date '2010-01-01' + (g % 5000), 'dostyk', 'KZ', ${agency.id}, ${author.id},
             CASE WHEN g % 20 >= 17 THEN 'amber' ELSE (array['amber','amber','amber','amber','clear','green','green','amber_strict']::tlp[])[1 + g % 8] END,
             'published', 'B', 2, 'intelligence_only', timestamptz '2010-01-01' + g * interval '1 hour',
             CASE WHEN g % 20 >= 12 THEN '{}' WHEN g % 50 = 0 THEN ARRAY['piperonal'] WHEN g % 7 = 0 THEN ARRAY['acetone']
                  WHEN g % 11 = 0 THEN ARRAY['toluene'] WHEN g % 13 = 0 THEN ARRAY['safrole', ${AA}] ELSE ARRAY[${AA}] END
      FROM generate_series(1, 20000) g`);
    await db.execute(sql`ANALYZE notices`);
    await db.execute(sql`ANALYZE notice_substances`);
    const reader = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" }));
    const input = (filters: FeedFilters, cursor?: string, sort?: FeedSort) => ZFeedInput.parse({ filters, cursor, sort });

    const filtered = input({ kind: "seizure", substanceId: AA, tlp: "amber" });
    expect(isValueIndependent(filtered)).toBe(true);
    const cursor = encodeCursor({ at: new Date("2011-01-01T00:00:00Z"), id: randomUUID() });
    for (const at of [undefined, cursor]) {
      const withTlp = await queryPlan(feedQuery(reader.viewer, input({ kind: "seizure", substanceId: AA, tlp: "amber" }, at)));
      expect(withTlp).toMatch(/Index (Only )?Scan using notice_substances_tlp_feed_idx/);
      expect(withTlp).not.toMatch(/Sort Key/);
      const alone = await queryPlan(feedQuery(reader.viewer, input({ substanceId: "piperonal" }, at)));
      expect(alone).toMatch(/Index (Only )?Scan using notice_substances_feed_idx/);
      expect(alone).not.toMatch(/Sort Key/);
      expect(await queryPlan(feedQuery(reader.viewer, input({ substanceId: AA }, at, "posted_asc")))).toMatch(
        /Index (Only )?Scan Backward using notice_substances_feed_idx/,
      );
    }
    // The value is a parameter ($1) on PostgreSQL 15 and a sub-select's ((InitPlan 8).col1) on 18.
    expect(await queryPlan(feedQuery(reader.viewer, input({ substanceId: AA }, cursor)))).toMatch(
      /Index Cond: \(\(substance_id = .+?\) AND \(ROW\(published_at, notice_id\) < ROW\(/,
    );

    // Prepared as the app prepares it, on a connection of its own (the pool's may have run it
    // already): after PostgreSQL's five custom plans it keeps one generic plan, which walks the
    // same index for a rare substance.
    const { sql: text, params } = feedQuery(reader.viewer, filtered, placeholders).toSQL();
    const values = (substanceId: string) =>
      fillPlaceholders(params, {
        ...filtered.filters,
        substanceId,
        viewerUserId: reader.viewer.userId,
        viewerAgencyId: reader.viewer.agencyId,
        viewerCountryCode: "KZ",
      }) as string[];
    const connection = postgres(databaseUrl(), { max: 1, onnotice: () => {}, connection: SESSION_SETTINGS });
    try {
      for (let i = 0; i < 8; i++) await connection.unsafe(text, values(AA), { prepare: true });
      await connection.unsafe(text, values("piperonal"), { prepare: true });
      const [plans] = await connection<{ generic: number; custom: number }[]>`
        SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = ${text}`;
      expect(plans).toEqual({ custom: 5, generic: 4 });
    } finally {
      await connection.end();
    }
  });
});

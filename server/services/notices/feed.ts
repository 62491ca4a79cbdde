import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { agencies, arrestPersons, companyAlerts, countries, crossings, notices, seizureItems, substances } from "~/db/schema";
import type { ZFeedInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";
import { decodeCursor, encodeCursor } from "./cursor";

export type FeedInput = z.infer<typeof ZFeedInput>;
type Names = { en: string; ru: string; zh: string | null };

const EXCERPT_CHARS = 200;
// Enough raw Markdown to leave ~200 characters of text once the markup is gone, without ever
// reading a 20,000-character narrative for a list line.
const EXCERPT_SOURCE_CHARS = 600;

/**
 * The columns of one list line, and nothing more: a summary never carries a person's name, a
 * release list or the full narrative. The feed and search both select exactly these.
 */
export const summaryColumns = {
  id: notices.id,
  kind: notices.kind,
  title: notices.title,
  excerptSource: sql<string>`left(${notices.narrative}, ${sql.raw(String(EXCERPT_SOURCE_CHARS))})`,
  occurredOn: notices.occurredOn,
  occurredAt: notices.occurredAt,
  publishedAt: notices.publishedAt,
  createdAt: notices.createdAt,
  crossingId: crossings.id,
  crossingEn: crossings.nameEn,
  crossingRu: crossings.nameRu,
  crossingZh: crossings.nameZh,
  placeText: notices.placeText,
  countryCode: notices.countryCode,
  countryEn: countries.nameEn,
  countryRu: countries.nameRu,
  countryZh: countries.nameZh,
  agencyId: agencies.id,
  agencyEn: agencies.nameEn,
  agencyRu: agencies.nameRu,
  agencyZh: agencies.nameZh,
  agencyShortName: agencies.shortName,
  tlp: notices.tlp,
  status: notices.status,
  tags: notices.tags,
};

/** The notices table with what a list line names: its agency, crossing and country. */
export function summarySource() {
  return db
    .select(summaryColumns)
    .from(notices)
    .innerJoin(agencies, eq(agencies.id, notices.agencyId))
    .leftJoin(crossings, eq(crossings.id, notices.crossingId))
    .leftJoin(countries, eq(countries.code, notices.countryCode))
    .$dynamic();
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySource>["execute"]>>[number];

/**
 * Newest first, in exactly the order of the partial feed indexes (DESC NULLS LAST on both), so
 * that PostgreSQL walks an index and stops after one page instead of sorting.
 */
export function newestFirst(sortColumn: typeof notices.publishedAt | typeof notices.createdAt): SQL[] {
  return [sql`${sortColumn} desc nulls last`, sql`${notices.id} desc nulls last`];
}

/** Keyset condition: strictly after the cursor's notice in that order; a row comparison the index serves. */
export function olderThan(sortColumn: typeof notices.publishedAt | typeof notices.createdAt, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const { at, id } = decodeCursor(cursor);
  return sql`(${sortColumn}, ${notices.id}) < (${at.toISOString()}::timestamptz, ${id}::uuid)`;
}

/**
 * Where it happened, or for a seizure, where the goods came from or were going. OFFSET 0 keeps
 * the EXISTS a per-row primary-key probe, as in visibleTo: otherwise PostgreSQL hashes every
 * seizure of that country before returning the first row of a page (measured at 1M notices:
 * 330 ms against a few ms).
 */
function inCountry(code: string): SQL {
  return sql`(${notices.countryCode} = ${code} OR (${notices.kind} = 'seizure' AND EXISTS (
    SELECT 1 FROM seizure_details sd
    WHERE sd.notice_id = ${notices.id} AND (${code}::char(2) = ANY(sd.origin_countries) OR ${code}::char(2) = ANY(sd.destination_countries))
    OFFSET 0
  )))`;
}

/** The feed's SQL, exposed for EXPLAIN in tests and the benchmark. */
export function feedQuery(viewer: Viewer, input: FeedInput) {
  const f = input.filters;
  const status = f.status ?? "published";
  // Published notices are ordered by publication (the feed indexes); drafts and notices waiting
  // for release have no publication time yet, and retracted ones are listed as created.
  const sortColumn = status === "published" ? notices.publishedAt : notices.createdAt;
  return summarySource()
    .where(
      and(
        eq(notices.status, status),
        visibleTo(viewer),
        f.kind ? eq(notices.kind, f.kind) : undefined,
        f.crossingId ? eq(notices.crossingId, f.crossingId) : undefined,
        f.countryCode ? inCountry(f.countryCode) : undefined,
        f.substanceId
          ? sql`EXISTS (SELECT 1 FROM seizure_items si WHERE si.notice_id = ${notices.id} AND si.substance_id = ${f.substanceId})`
          : undefined,
        f.agencyId ? eq(notices.agencyId, f.agencyId) : undefined,
        f.tlp ? eq(notices.tlp, f.tlp) : undefined,
        f.from ? gte(notices.occurredOn, f.from) : undefined,
        f.to ? lte(notices.occurredOn, f.to) : undefined,
        olderThan(sortColumn, input.cursor),
      ),
    )
    .orderBy(...newestFirst(sortColumn))
    .limit(input.limit + 1);
}

/** One page of the notices the viewer may read, newest first, with the cursor of the next page. */
export async function listFeed({ viewer, input }: { viewer: Viewer; input: FeedInput }) {
  const rows = await feedQuery(viewer, input);
  const sortKey = (input.filters.status ?? "published") === "published" ? "publishedAt" : "createdAt";
  return toPage(viewer, rows, input.limit, (row) => row[sortKey]);
}

/**
 * Cuts the extra row fetched to learn whether there is a next page, and builds the summaries.
 * `extra` adds per-notice fields (search snippets) computed for exactly the rows kept.
 */
export async function toPage<E extends object = Record<never, never>>(
  viewer: Viewer,
  rows: SummaryRow[],
  limit: number,
  sortValue: (row: SummaryRow) => Date | null,
  extra?: (ids: string[]) => Promise<Map<string, E>>,
) {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  const at = last ? sortValue(last) : null;
  const nextCursor = rows.length > limit && last && at ? encodeCursor({ at, id: last.id }) : null;
  const [summaries, extras] = await Promise.all([summarize(viewer, kept), extra ? extra(kept.map((r) => r.id)) : undefined]);
  return { items: summaries.map((s) => ({ ...s, ...(extras?.get(s.id) as E) })), nextCursor };
}

const names = (en: string, ru: string, zh: string | null): Names => ({ en, ru, zh });

export type SeizureSummary = { substances: { id: string; names: Names }[]; unidentified: boolean; massKg: number | null };
export type CompanySummary = { name: string | null; expiresOn: string; expired: boolean };
export type ArrestSummary = { personCount: number };

/** The list lines for a page of rows: one query per kind present on the page, never one per notice. */
async function summarize(viewer: Viewer, rows: SummaryRow[]) {
  const idsOf = (kind: SummaryRow["kind"]) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const [seizures, companies, arrests] = await Promise.all([
    seizureSummaries(idsOf("seizure")),
    companySummaries(idsOf("company_alert"), today(viewer.timeZone)),
    arrestSummaries(idsOf("arrest")),
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    excerpt: excerpt(row.excerptSource),
    occurredOn: row.occurredOn,
    occurredAt: row.occurredAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    crossing: row.crossingId ? { id: row.crossingId, names: names(row.crossingEn!, row.crossingRu!, row.crossingZh) } : null,
    placeText: row.placeText,
    countryCode: row.countryCode,
    countryNames: row.countryCode && row.countryEn ? names(row.countryEn, row.countryRu!, row.countryZh) : null,
    agency: { id: row.agencyId, names: names(row.agencyEn, row.agencyRu, row.agencyZh), shortName: row.agencyShortName },
    tlp: row.tlp,
    status: row.status,
    tags: row.tags,
    seizure: seizures.get(row.id) ?? null,
    companyAlert: companies.get(row.id) ?? null,
    arrest: arrests.get(row.id) ?? null,
  }));
}

export type NoticeSummary = Awaited<ReturnType<typeof summarize>>[number];

async function seizureSummaries(ids: string[]): Promise<Map<string, SeizureSummary>> {
  const out = new Map<string, SeizureSummary>();
  if (!ids.length) return out;
  const items = await db
    .select({
      noticeId: seizureItems.noticeId,
      substanceId: seizureItems.substanceId,
      nameEn: substances.nameEn,
      nameRu: substances.nameRu,
      nameZh: substances.nameZh,
      massKg: seizureItems.massKg,
    })
    .from(seizureItems)
    .leftJoin(substances, eq(substances.id, seizureItems.substanceId))
    .where(inArray(seizureItems.noticeId, ids))
    .orderBy(asc(seizureItems.noticeId), asc(seizureItems.position));
  for (const item of items) {
    const summary = out.get(item.noticeId) ?? { substances: [], unidentified: false, massKg: null };
    out.set(item.noticeId, summary);
    if (!item.substanceId || !item.nameEn) summary.unidentified = true;
    else if (!summary.substances.some((s) => s.id === item.substanceId)) {
      summary.substances.push({ id: item.substanceId, names: names(item.nameEn, item.nameRu!, item.nameZh) });
    }
    // Items whose mass cannot be derived (barrels, units) are left out of the total, not guessed.
    if (item.massKg !== null) summary.massKg = Math.round(((summary.massKg ?? 0) + item.massKg) * 1000) / 1000;
  }
  return out;
}

async function companySummaries(ids: string[], today: string): Promise<Map<string, CompanySummary>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ noticeId: companyAlerts.noticeId, name: sql<string | null>`${companyAlerts.names} -> 0 ->> 'name'`, expiresOn: companyAlerts.expiresOn })
    .from(companyAlerts)
    .where(inArray(companyAlerts.noticeId, ids));
  return new Map(rows.map((r) => [r.noticeId, { name: r.name, expiresOn: r.expiresOn, expired: r.expiresOn < today }]));
}

async function arrestSummaries(ids: string[]): Promise<Map<string, ArrestSummary>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ noticeId: arrestPersons.noticeId, count: sql<number>`count(*)::int` })
    .from(arrestPersons)
    .where(inArray(arrestPersons.noticeId, ids))
    .groupBy(arrestPersons.noticeId);
  return new Map(rows.map((r) => [r.noticeId, { personCount: r.count }]));
}

/** The reader's calendar date: an alert expires at the end of its last day where the reader is. */
function today(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** Markdown reduced to its words, for excerpts and snippets shown as plain text. */
export function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<(https?:[^>\s]+)>/g, "$1")
    .replace(/<\/?[a-zA-Z][^>]*>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/^\s{0,3}([-*_]\s*){3,}$/gm, " ")
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/(^|[\s(])[*_](?=\S)/g, "$1")
    .replace(/(\S)[*_](?=[\s).,;:!?]|$)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function excerpt(markdown: string): string {
  const text = stripMarkdown(markdown);
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > EXCERPT_CHARS * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

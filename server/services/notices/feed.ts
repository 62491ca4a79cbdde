import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { agencies, countries, crossings, notices } from "~/db/schema";
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
  // The facts of each kind come with the row, in the same round trip. PostgreSQL computes these
  // output expressions only for the rows it returns: after the LIMIT on an index walk, and after
  // the sort when it sorts (costly output expressions are evaluated last).
  seizureItems: sql<[substanceId: string | null, en: string | null, ru: string | null, zh: string | null, massKg: number | null][] | null>`CASE WHEN ${notices.kind} = 'seizure' THEN (
    SELECT json_agg(json_build_array(si.substance_id, s.name_en, s.name_ru, s.name_zh, si.mass_kg) ORDER BY si.position)
    FROM seizure_items si LEFT JOIN substances s ON s.id = si.substance_id WHERE si.notice_id = ${notices.id}
  ) END`,
  company: sql<[name: string | null, expiresOn: string] | null>`CASE WHEN ${notices.kind} = 'company_alert' THEN (
    SELECT json_build_array(ca.names -> 0 ->> 'name', ca.expires_on) FROM company_alerts ca WHERE ca.notice_id = ${notices.id}
  ) END`,
  personCount: sql<number | null>`CASE WHEN ${notices.kind} = 'arrest' THEN (SELECT count(*)::int FROM arrest_persons ap WHERE ap.notice_id = ${notices.id}) END`,
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

/** The feed's SQL, exposed for EXPLAIN in tests and the benchmark. */
export function feedQuery(viewer: Viewer, input: FeedInput) {
  const f = input.filters;
  const status = f.status ?? "published";
  // Published notices are ordered by publication (the feed indexes); drafts and notices waiting
  // for release have no publication time yet, and retracted ones are listed as created.
  const sortColumn = status === "published" ? notices.publishedAt : notices.createdAt;
  const conditions = and(
    // A literal, not a parameter: the partial feed indexes (WHERE status = 'published') serve
    // only a query whose status the planner can see, also in a cached generic plan.
    sql`${notices.status} = ${sql.raw(`'${status}'`)}`,
    visibleTo(viewer),
    f.kind ? eq(notices.kind, f.kind) : undefined,
    f.crossingId ? eq(notices.crossingId, f.crossingId) : undefined,
    f.substanceId ? sql`EXISTS (SELECT 1 FROM seizure_items si WHERE si.notice_id = ${notices.id} AND si.substance_id = ${f.substanceId})` : undefined,
    f.agencyId ? eq(notices.agencyId, f.agencyId) : undefined,
    f.tlp ? eq(notices.tlp, f.tlp) : undefined,
    f.from ? gte(notices.occurredOn, f.from) : undefined,
    f.to ? lte(notices.occurredOn, f.to) : undefined,
    olderThan(sortColumn, input.cursor),
  );
  const newest = (where: SQL | undefined) => summarySource().where(where).orderBy(...newestFirst(sortColumn)).limit(input.limit + 1);
  if (!f.countryCode) return newest(conditions);

  // A country is where it happened or, for a seizure, where the goods came from or were going.
  // Written as one OR, the seizure half is a subplan run for every row walked, and a country
  // with few notices walks the whole table (16 s at 1M notices). As two ordered pages, the
  // place half walks the country index and the planner may drive the route half from
  // seizure_details when the country is rare; the page is the newest of both.
  const code = f.countryCode;
  // Containment rather than = ANY: the form a GIN index on the arrays can serve.
  const asArray = sql`ARRAY[${code}]::char(2)[]`;
  const half = (where: SQL | undefined) =>
    db.select({ id: notices.id }).from(notices).where(and(conditions, where)).orderBy(...newestFirst(sortColumn)).limit(input.limit + 1);
  const place = half(eq(notices.countryCode, code));
  const route = half(
    and(
      sql`${notices.kind} = 'seizure'`,
      sql`${notices.countryCode} IS DISTINCT FROM ${code}`,
      sql`EXISTS (SELECT 1 FROM seizure_details sd WHERE sd.notice_id = ${notices.id} AND (sd.origin_countries @> ${asArray} OR sd.destination_countries @> ${asArray}))`,
    ),
  );
  return newest(and(visibleTo(viewer), sql`${notices.id} IN (${place} UNION ALL ${route})`));
}

/** One page of the notices the viewer may read, newest first, with the cursor of the next page. */
export async function listFeed({ viewer, input }: { viewer: Viewer; input: FeedInput }) {
  const f = input.filters;
  const query = feedQuery(viewer, input);
  // Where the best plan is the same index walk whatever the values (no filter, kind, TLP,
  // crossing, agency, cursor), a server-side prepared statement lets PostgreSQL reuse one plan
  // instead of planning every request. Country, substance and dates are planned for their
  // values: a rare value needs another plan than a common one.
  const valueIndependent = !f.countryCode && !f.substanceId && !f.from && !f.to;
  const rows = valueIndependent ? await query.prepare("feed").execute() : await query;
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
  const extras = extra && kept.length ? await extra(kept.map((r) => r.id)) : undefined;
  const today = todayIn(viewer.timeZone);
  return { items: kept.map((row) => ({ ...summarize(row, today), ...(extras?.get(row.id) as E) })), nextCursor };
}

const names = (en: string, ru: string, zh: string | null): Names => ({ en, ru, zh });

export type SeizureSummary = { substances: { id: string; names: Names }[]; unidentified: boolean; massKg: number | null };

/** A list line: an explicit shape, built from one row of the page. */
function summarize(row: SummaryRow, today: string) {
  return {
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
    seizure: row.seizureItems ? seizureSummary(row.seizureItems) : null,
    companyAlert: row.company ? { name: row.company[0], expiresOn: row.company[1], expired: row.company[1] < today } : null,
    arrest: row.personCount !== null ? { personCount: row.personCount } : null,
  };
}

export type NoticeSummary = ReturnType<typeof summarize>;

function seizureSummary(items: NonNullable<SummaryRow["seizureItems"]>): SeizureSummary {
  const summary: SeizureSummary = { substances: [], unidentified: false, massKg: null };
  for (const [id, en, ru, zh, massKg] of items) {
    if (!id || !en || !ru) summary.unidentified = true;
    else if (!summary.substances.some((s) => s.id === id)) summary.substances.push({ id, names: names(en, ru, zh) });
    // Items whose mass cannot be derived (barrels, units) are left out of the total, not guessed.
    if (massKg !== null) summary.massKg = Math.round(((summary.massKg ?? 0) + massKg) * 1000) / 1000;
  }
  return summary;
}

/** The reader's calendar date: an alert expires at the end of its last day where the reader is. */
function todayIn(timeZone: string): string {
  let format = calendarDates.get(timeZone);
  if (!format) calendarDates.set(timeZone, (format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return format.format(new Date());
}
// Building a formatter costs more than the rest of a list line; there are only so many time zones.
const calendarDates = new Map<string, Intl.DateTimeFormat>();

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

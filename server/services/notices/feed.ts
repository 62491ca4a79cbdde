import { and, eq, gte, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db, perPool } from "~/db/index";
import { notices, noticeSubstances } from "~/db/schema";
import type { ZFeedInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { inPlace, placeholders, visibleTo, type Bind } from "~/server/services/visibility";
import { decodeCursor } from "./cursor";
import { summarySource, toPage } from "./summaries";

// The feed: one page of the notices a viewer may read, under the feed's filters and sort, as one
// prepared statement per shape. Its counts are in feed-count.ts, its list lines in summaries.ts.

export type FeedInput = z.infer<typeof ZFeedInput>;

type SortColumn = typeof notices.publishedAt | typeof notices.createdAt | typeof noticeSubstances.publishedAt;
type IdColumn = typeof notices.id | typeof noticeSubstances.noticeId;

/**
 * Newest first, in exactly the order of the partial feed indexes (DESC NULLS LAST on both), so
 * that PostgreSQL walks an index and stops after one page instead of sorting. `id` is the
 * notice's id as the walked index holds it.
 */
export function newestFirst(sortColumn: SortColumn, id: IdColumn = notices.id): SQL[] {
  return [sql`${sortColumn} desc nulls last`, sql`${id} desc nulls last`];
}

/**
 * Keyset condition: strictly after the cursor's notice in that order; a row comparison the index
 * serves. Each value is a sub-select of its own (an InitPlan): PostgreSQL then prices the condition
 * alike whatever the cursor, and keeps the statement's generic plan (the same index walk) instead
 * of planning every page again because a cursor near the top looked cheaper with its value.
 */
export function olderThan(sortColumn: SortColumn, cursor: string | undefined, bind: Bind = inPlace, idColumn: IdColumn = notices.id): SQL | undefined {
  if (!cursor) return undefined;
  const { at, id } = decodeCursor(cursor);
  return sql`(${sortColumn}, ${idColumn}) < ((SELECT ${bind("cursorAt", at.toISOString())}::timestamptz), (SELECT ${bind("cursorId", id)}::uuid))`;
}

/**
 * Whether the substance filter is a join to its own index, notice_substances (migration 0019),
 * rather than a test of each notice's list. The index holds published notices only, and the halves
 * of a country filter select from notices alone. Joined, a page in posting order is ordered by the
 * index's copy of the keys, so that PostgreSQL walks it newest first and stops after one page.
 */
export function joinsSubstances(f: FeedInput["filters"]): boolean {
  return f.substanceId !== undefined && (f.status ?? "published") === "published" && !f.countryCode;
}

/** `query` (over notices) joined to the substance filter's index when the filters use it. */
export function withSubstances<Q extends { innerJoin: (table: typeof noticeSubstances, on: SQL) => Q }>(query: Q, f: FeedInput["filters"]): Q {
  return joinsSubstances(f) ? query.innerJoin(noticeSubstances, eq(noticeSubstances.noticeId, notices.id)) : query;
}

/**
 * How the statement carries a filter's value. In a statement prepared once per shape, a
 * sub-select (as the cursor's values): PostgreSQL prices it as it prices the generic plan and so
 * keeps that plan. Seen as itself, a common value (a seizure, AMBER, acetic anhydride) priced the
 * page cheaper than the generic plan did, and every execution was planned again (0.6–0.9 ms at 1M
 * notices; so were the kind and TLP shapes before). Planned for each request, the value itself:
 * the plan is chosen for it.
 */
type FilterValue = <T extends string>(name: string, value: T, type: "notice_kind" | "tlp" | "text") => T | SQL | Placeholder;

export function filterValues(generic: boolean, bind: Bind): FilterValue {
  return generic ? (name, value, type) => sql`(SELECT ${bind(name, value)}::${sql.raw(type)})` : (name, value) => bind(name, value);
}

/**
 * What the feed's filters ask for, as conditions (visibility among them), in the order the
 * statement has always written them: the default feed's SQL text, and so its prepared plans, stay
 * the same whatever else is added around them.
 */
export function filterConditions(
  viewer: Viewer,
  f: FeedInput["filters"],
  bind: Bind,
  value: FilterValue,
  substances: "joined" | "listed",
): (SQL | undefined)[] {
  const status = f.status ?? "published";
  // Joined, the substance and TLP are the keys of notice_substances' indexes, which the trigger
  // keeps equal to the notice's.
  const joined = substances === "joined";
  return [
    // A literal, not a parameter: the partial feed indexes (WHERE status = 'published') serve
    // only a query whose status the planner can see, also in a cached generic plan.
    sql`${notices.status} = ${sql.raw(`'${status}'`)}`,
    visibleTo(viewer, notices, bind),
    f.kind ? eq(notices.kind, value("kind", f.kind, "notice_kind")) : undefined,
    f.crossingId ? eq(notices.crossingId, bind("crossingId", f.crossingId)) : undefined,
    !f.substanceId
      ? undefined
      : joined
        ? eq(noticeSubstances.substanceId, value("substanceId", f.substanceId, "text"))
        : // The row's own list (kept by a trigger, migration 0012): a test on the row as another
          // index is walked, or the GIN index when the substance is rare.
          sql`${notices.substanceIds} @> ARRAY[${value("substanceId", f.substanceId, "text")}]::text[]`,
    f.agencyId ? eq(notices.agencyId, bind("agencyId", f.agencyId)) : undefined,
    f.tlp ? eq(joined ? noticeSubstances.tlp : notices.tlp, value("tlp", f.tlp, "tlp")) : undefined,
    f.from ? gte(notices.occurredOn, bind("from", f.from)) : undefined,
    f.to ? lte(notices.occurredOn, bind("to", f.to)) : undefined,
  ];
}

/**
 * The order of a feed page and its keyset condition. Posting order is the feed indexes' (walked
 * backwards for the oldest first: ASC NULLS FIRST is exactly their reverse); occurrence is a
 * calendar day, walked on notices_occurred_idx with the id breaking ties within a day.
 */
function feedOrder(input: FeedInput, bind: Bind): { by: SQL[]; after: SQL | undefined } {
  // Published notices are ordered by publication (the feed indexes); drafts and notices waiting
  // for release have no publication time yet, and retracted ones are listed as created. With the
  // substance filter's index joined, its copy of both keys: then the order is that index's.
  const joined = joinsSubstances(input.filters);
  const published = (input.filters.status ?? "published") === "published";
  const posted = joined ? noticeSubstances.publishedAt : published ? notices.publishedAt : notices.createdAt;
  const id = joined ? noticeSubstances.noticeId : notices.id;
  const sort = input.sort ?? "posted";
  if (sort === "posted") return { by: newestFirst(posted, id), after: olderThan(posted, input.cursor, bind, id) };
  const ascending = sort.endsWith("_asc");
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const at = cursor?.at.toISOString();
  // A day is compared as the text of the cursor's UTC date, never through the session's time zone.
  const byOccurrence = sort.startsWith("occurred");
  const [column, value] = byOccurrence
    ? [notices.occurredOn, sql`left(${bind("cursorAt", at)}, 10)::date`]
    : [posted, sql`${bind("cursorAt", at)}::timestamptz`];
  const idColumn = byOccurrence ? notices.id : id;
  // Each direction as its index is read: notices_occurred_idx is ASC NULLS LAST, the feed indexes
  // DESC NULLS LAST; none of these columns is ever null for the notices listed.
  const by = byOccurrence
    ? [sql`${column} ${sql.raw(ascending ? "asc nulls last" : "desc nulls first")}`, sql`${idColumn} ${sql.raw(ascending ? "asc" : "desc")}`]
    : [sql`${column} asc nulls first`, sql`${idColumn} asc nulls first`];
  const after = cursor
    ? sql`(${column}, ${idColumn}) ${sql.raw(ascending ? ">" : "<")} ((SELECT ${value}), (SELECT ${bind("cursorId", cursor.id)}::uuid))`
    : undefined;
  return { by, after };
}

/**
 * A country is where it happened or, for a seizure, where the goods came from or were going.
 * Written as one OR, the seizure half is a subplan run for every row walked, and a country with
 * few notices walks the whole table (16 s at 1M notices). As two halves, the place half walks the
 * country index and the planner may drive the route half from seizure_details when the country
 * is rare. The halves never share a notice.
 */
export function countryHalves(conditions: SQL | undefined, countryCode: string, bind: Bind, limit: number, order: SQL[] = []) {
  const code = bind("countryCode", countryCode);
  const half = (where: SQL | undefined) =>
    db
      .select({ id: notices.id })
      .from(notices)
      .where(and(conditions, where))
      .orderBy(...order)
      .limit(limit);
  return [half(eq(notices.countryCode, code)), half(and(sql`${notices.countryCode} IS DISTINCT FROM ${code}`, onRouteOf(code)))] as const;
}

/** A seizure whose goods came from or were going to the country `code`. */
export function onRouteOf(code: unknown): SQL {
  // Containment rather than = ANY: the form a GIN index on the arrays can serve.
  const asArray = sql`ARRAY[${code}]::char(2)[]`;
  return sql`${notices.kind} = 'seizure' AND EXISTS (SELECT 1 FROM seizure_details sd WHERE sd.notice_id = ${notices.id} AND (sd.origin_countries @> ${asArray} OR sd.destination_countries @> ${asArray}))`;
}

/**
 * The feed's SQL, exposed for EXPLAIN in tests and the benchmark. With `placeholders`, the
 * values are left as named placeholders (see `feedValues`) and the SQL depends only on the
 * shape of the request.
 */
export function feedQuery(viewer: Viewer, input: FeedInput, bind: Bind = inPlace) {
  const f = input.filters;
  const order = feedOrder(input, bind);
  const substances = joinsSubstances(f) ? "joined" : "listed";
  const conditions = and(...filterConditions(viewer, f, bind, filterValues(isValueIndependent(input), bind), substances), order.after);
  const page = (where: SQL | undefined) =>
    withSubstances(summarySource(viewer.locale), f)
      .where(where)
      .orderBy(...order.by)
      .limit(pageLimit(input));
  if (!f.countryCode) return page(conditions);
  // The page is the first of both halves, each ordered and cut to a page.
  const [place, route] = countryHalves(conditions, f.countryCode, bind, pageLimit(input), order.by);
  return page(and(visibleTo(viewer, notices, bind), sql`${notices.id} IN (${place} UNION ALL ${route})`));
}

/**
 * The LIMIT, written into the statement's text. As a parameter, PostgreSQL's generic plan cannot
 * know how few rows a page wants, costs more than a plan for the value and is never chosen: every
 * execution was planned again (0.4 ms, against 0.6 ms for the walk itself). The page size is a
 * validated integer of 1–100, part of the statement's shape. (drizzle's builder types LIMIT as a
 * number or placeholder, and writes any SQL it is given.)
 */
function pageLimit(input: FeedInput): number {
  return sql.raw(String(Math.trunc(input.limit) + 1)) as unknown as number;
}

/** The values of `feedQuery(viewer, input, placeholders)`, by placeholder name. */
function feedValues(viewer: Viewer, input: FeedInput): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...input.filters,
    viewerUserId: viewer.userId,
    viewerAgencyId: viewer.agencyId,
    viewerCountryCode: viewer.agencyCountryCode,
  };
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    Object.assign(values, { cursorAt: at.toISOString(), cursorId: id });
  }
  return values;
}

/**
 * What decides the text of the feed's SQL: which filters are set (not their values), the
 * status, the page size, the reader's language, and the viewer's role (whose permissions give the visibility rule its branches) and
 * whether their agency has a country.
 */
function feedShape(viewer: Viewer, input: FeedInput): string {
  const f = input.filters;
  const set = (value: unknown) => (value === undefined ? "-" : "+");
  return [
    f.status ?? "published",
    viewer.locale,
    viewer.role,
    set(viewer.agencyCountryCode ?? undefined),
    set(f.kind),
    set(f.crossingId),
    set(f.substanceId),
    set(f.agencyId),
    set(f.tlp),
    set(input.cursor),
    input.limit,
    // Only another order than the default's changes the statement (and so its name).
    ...(input.sort && input.sort !== "posted" ? [input.sort] : []),
  ].join("|");
}

// Building the query costs more CPU than PostgreSQL spends walking the page (measured at 1M
// notices: 0.28 ms against 0.6 ms), on every request. The statements of the shapes whose best plan
// is the same index walk whatever the values are built once per process; bounded by the number of
// shapes (statuses × permission sets × filters), not by the values; per pool, as statements are
// bound to theirs.
const preparedFeeds = perPool(() => new Map<string, ReturnType<ReturnType<typeof feedQuery>["prepare"]>>());

function preparedFeed(viewer: Viewer, input: FeedInput) {
  const shape = feedShape(viewer, input);
  const statements = preparedFeeds();
  let prepared = statements.get(shape);
  if (!prepared) statements.set(shape, (prepared = feedQuery(viewer, input, placeholders).prepare(`feed ${shape}`)));
  return prepared;
}

/**
 * Whether the best plan is the same index walk whatever the values (no filter, kind, TLP,
 * crossing, agency, cursor; a substance in posting order, on its own index): then one prepared
 * statement per shape lets PostgreSQL reuse one plan instead of planning every request. Country
 * and dates are planned for their values, and so is a substance beside a crossing or an agency or
 * in order of occurrence: a rare value needs another plan than a common one.
 */
export function isValueIndependent(input: FeedInput): boolean {
  const f = input.filters;
  if (f.countryCode || f.from || f.to) return false;
  return !f.substanceId || (joinsSubstances(f) && (input.sort ?? "posted").startsWith("posted") && !f.crossingId && !f.agencyId);
}

/** One page of the notices the viewer may read, newest first, with the cursor of the next page. */
export async function listFeed({ viewer, input }: { viewer: Viewer; input: FeedInput }) {
  const rows = isValueIndependent(input) ? await preparedFeed(viewer, input).execute(feedValues(viewer, input)) : await feedQuery(viewer, input);
  const sortKey = (input.filters.status ?? "published") === "published" ? "publishedAt" : "createdAt";
  const byOccurrence = input.sort?.startsWith("occurred");
  return toPage(viewer, rows, input.limit, (row) => (byOccurrence ? new Date(`${row.occurredOn}T00:00:00Z`) : row[sortKey]));
}

import { sql, type SQL } from "drizzle-orm";
import { notices } from "~/db/schema";
import type { TrendFilters } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";

/**
 * The regional picture's pre-aggregate (db/schema/picture.ts, migration 0029) counts published
 * notices per visibility CLASS: a set of notices that the rule (`visibleTo`) lets a whole group
 * of readers read. A viewer's classes are disjoint, and every notice in them is one they may read:
 *  - every member reads `all` (CLEAR and GREEN);
 *  - a UNODC coordinator (`notice.read_region`) reads `amber` (every AMBER and AMBER+STRICT one);
 *  - anyone else reads `agency:<their agency>` (the AMBER ones their agency may read).
 * What else the rule lets them read (their own notices, RED ones they receive, RED ones a
 * recipient reported, for coordinators) is counted live (`beyondClasses`), so that each number is
 * the count of the visible set; the property test of __tests__ holds the two equal.
 */
export function viewerClasses(viewer: Viewer): string[] {
  return viewer.permissions.has("notice.read_region") ? ["all", "amber"] : ["all", `agency:${viewer.agencyId}`];
}

/** The array literal of the viewer's classes, for `class = ANY (…)`. */
export function classesSql(viewer: Viewer): SQL {
  return sql`ARRAY[${sql.join(
    viewerClasses(viewer).map((c) => sql`${c}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * Of the notices that also pass the rule (the caller's `pictureConditions`), those outside the
 * viewer's classes. The rule lets a viewer read a published notice outside them only as its
 * author (CLEAR and GREEN are always in `all`), as a recipient, or, as a coordinator, a RED one a
 * recipient reported: those few, through their indexes, not the whole visible set.
 */
export function beyondClasses(viewer: Viewer): SQL {
  const reported = viewer.permissions.has("notice.read_region") ? sql`UNION SELECT rp.notice_id FROM notice_reports rp` : sql``;
  // The candidates as an array: the notices are then fetched by their keys, not scanned.
  return sql`(
    ${notices.id} = ANY (ARRAY(
      SELECT a.id FROM notices a WHERE a.author_id = ${viewer.userId} AND a.tlp NOT IN ('clear', 'green')
      UNION SELECT rr.notice_id FROM notice_recipients rr WHERE rr.user_id = ${viewer.userId}
      ${reported}))
    AND NOT EXISTS (SELECT 1 FROM picture_notices pn WHERE pn.notice_id = ${notices.id} AND pn.classes && ${classesSql(viewer)} OFFSET 0)
  )`;
}

const lastDayOfMonth = (day: string) => {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
};

/**
 * How a number is counted: from the pre-aggregate where it can answer, or live from the visible
 * set (the reference the tests hold the pre-aggregate to).
 */
export type CountPath = "aggregate" | "live";

/**
 * The pre-aggregate's filter (`dim`) that answers these filters, or null when it cannot: it holds
 * whole calendar months and one filter at a time (none: `-`). Another period or two filters
 * together are counted live from the visible set.
 */
export function aggregateDim(f: Partial<TrendFilters>, path: CountPath = "aggregate"): string | null {
  if (path === "live") return null;
  if (f.from && !f.from.endsWith("-01")) return null;
  if (f.to && f.to !== lastDayOfMonth(f.to)) return null;
  const dims = [
    f.crossingId && `c:${f.crossingId}`,
    f.agencyId && `a:${f.agencyId}`,
    f.substanceId && `s:${f.substanceId}`,
    f.countryCode && `n:${f.countryCode}`,
  ].filter((d): d is string => !!d);
  if (dims.length > 1) return null;
  return dims[0] ?? "-";
}

/** The months of the period as conditions on a pre-aggregate table's `month` (the first of each month), the table named `alias`. */
export function monthRange(f: Partial<TrendFilters>, alias: "pc" | "pt" = "pc"): SQL {
  const month = sql.raw(`${alias}.month`);
  return sql`${f.from ? sql`AND ${month} >= ${f.from}::date` : sql``} ${f.to ? sql`AND ${month} <= ${f.to}::date` : sql``}`;
}

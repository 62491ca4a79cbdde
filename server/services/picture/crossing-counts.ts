import { asc, eq, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";
import { countries, crossings, notices } from "~/db/schema";
import type { CrossingCountsInput } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";
import { aggregateDim, beyondClasses, classesSql, monthRange, type CountPath } from "./classes";
import { pictureConditions } from "./visible-set";

type Names = { en: string; ru: string; zh: string | null };

export type CrossingCount = {
  id: string;
  name: Names;
  country: { code: string } & Names;
  status: "open" | "seasonal" | "closed";
  kind: "border_crossing" | "inland_terminal";
  latitude: number | null;
  longitude: number | null;
  /** Published notices at the crossing, in the period, that the viewer may read. */
  notices: number;
};

/**
 * Every crossing of the reference data with the number of notices at it that the viewer may read,
 * in the period: the map's markers and its table. The crossings, and the counts of the visible set
 * (`crossingCountsQuery`); a crossing with none is there with 0.
 */
export async function crossingCounts(
  { viewer, input }: { viewer: Viewer; input: CrossingCountsInput },
  path: CountPath = "aggregate",
): Promise<CrossingCount[]> {
  const [rows, counted] = await Promise.all([
    db
      .select({
        id: crossings.id,
        name: { en: crossings.nameEn, ru: crossings.nameRu, zh: crossings.nameZh },
        country: { code: countries.code, en: countries.nameEn, ru: countries.nameRu, zh: countries.nameZh },
        status: crossings.status,
        kind: crossings.kind,
        latitude: crossings.latitude,
        longitude: crossings.longitude,
      })
      .from(crossings)
      .innerJoin(countries, eq(countries.code, crossings.countryCode))
      .orderBy(asc(crossings.countryCode), asc(crossings.nameEn)),
    db.execute(crossingCountsQuery(viewer, input, path)) as unknown as Promise<{ crossing_id: string; n: number }[]>,
  ]);
  const counts = new Map(counted.map((row) => [row.crossing_id, Number(row.n)]));
  return rows.map((row) => ({ ...row, notices: counts.get(row.id) ?? 0 }));
}

/**
 * The statement of the map's counts alone (also for EXPLAIN and the benchmark's raw-SQL floor):
 * over whole months, the pre-aggregate's rows of the viewer's classes plus, live, the notices the
 * rule lets them read beyond those (server/services/picture/classes.ts); over another period, the
 * visible set counted live.
 */
export function crossingCountsQuery(viewer: Viewer, input: CrossingCountsInput, path: CountPath = "aggregate"): SQL {
  const live = (beyond: SQL | undefined) =>
    sql`SELECT ${notices.crossingId} AS crossing_id, count(*)::int AS n FROM ${notices}
      WHERE ${notices.crossingId} IS NOT NULL AND ${pictureConditions(viewer, input)} ${beyond ? sql`AND ${beyond}` : sql``}
      GROUP BY ${notices.crossingId}`;
  if (aggregateDim(input, path) === null) return live(undefined);
  // The crossings' rows are one range of the key ("c:…", byte order: ';' follows ':').
  return sql`SELECT crossing_id, sum(n)::int AS n FROM (
      SELECT substr(pc.dim, 3) AS crossing_id, pc.n FROM picture_counts pc
      WHERE pc.class = ANY (${classesSql(viewer)}) AND pc.dim >= 'c:' AND pc.dim < 'c;' AND pc.n > 0 ${monthRange(input)}
      UNION ALL ${live(beyondClasses(viewer))}
    ) AS counted GROUP BY crossing_id`;
}

import { asc, eq, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { countries, crossings, notices } from "~/db/schema";
import type { CrossingCountsInput } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";
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
 * in the period: the map's markers and its table. One statement: the counts of the visible set
 * (grouped before the join, so a crossing with none is there with 0).
 */
export async function crossingCounts({ viewer, input }: { viewer: Viewer; input: CrossingCountsInput }): Promise<CrossingCount[]> {
  const counts = crossingCountsQuery(viewer, input).as("counts");
  const rows = await db
    .select({
      id: crossings.id,
      name: { en: crossings.nameEn, ru: crossings.nameRu, zh: crossings.nameZh },
      country: { code: countries.code, en: countries.nameEn, ru: countries.nameRu, zh: countries.nameZh },
      status: crossings.status,
      kind: crossings.kind,
      latitude: crossings.latitude,
      longitude: crossings.longitude,
      notices: sql<number>`coalesce(${counts.n}, 0)`,
    })
    .from(crossings)
    .innerJoin(countries, eq(countries.code, crossings.countryCode))
    .leftJoin(counts, eq(counts.crossingId, crossings.id))
    .orderBy(asc(crossings.countryCode), asc(crossings.nameEn));
  return rows.map((row) => ({ ...row, notices: Number(row.notices) }));
}

/** The statement of the map's counts alone, for EXPLAIN and the benchmark's raw-SQL floor. */
export function crossingCountsQuery(viewer: Viewer, input: CrossingCountsInput) {
  return db
    .select({ crossingId: notices.crossingId, n: sql<number>`count(*)::int`.as("n") })
    .from(notices)
    .where(sql`${notices.crossingId} IS NOT NULL AND ${pictureConditions(viewer, input)}`)
    .groupBy(notices.crossingId);
}

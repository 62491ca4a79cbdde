import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { notices } from "~/db/schema";
import type { TrendFilters } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";
import { onRouteOf } from "~/server/services/notices/feed";
import { visibleToInBulk } from "~/server/services/visibility";

/**
 * The conditions of every number of the regional picture: published notices (what the feed shows)
 * that the viewer may read, through THE rule (`visibleTo`), and that match the filters as the feed
 * matches them (a country is where it happened or, for a seizure, where the goods came from or were
 * going; a substance is one of a seizure's items; the period is when it happened). Every statement
 * of server/services/picture/ counts rows of this set and nothing else, so a notice the viewer may
 * not read changes no number, and each number equals the feed's count under the same filters.
 */
export function pictureConditions(viewer: Viewer, f: Partial<TrendFilters>): SQL {
  return and(
    // A literal, as the feed writes it: the partial indexes on published notices then serve.
    sql`${notices.status} = 'published'`,
    visibleToInBulk(viewer),
    f.crossingId ? eq(notices.crossingId, f.crossingId) : undefined,
    f.agencyId ? eq(notices.agencyId, f.agencyId) : undefined,
    f.substanceId ? sql`${notices.substanceIds} @> ARRAY[${f.substanceId}]::text[]` : undefined,
    f.countryCode ? sql`(${notices.countryCode} = ${f.countryCode} OR (${onRouteOf(f.countryCode)}))` : undefined,
    f.from ? gte(notices.occurredOn, f.from) : undefined,
    f.to ? lte(notices.occurredOn, f.to) : undefined,
  )!;
}

/**
 * The seized mass a notice adds to a trend, in kg: the whole seizure's, or with a substance filter
 * that substance's items only (a seizure of two substances counts each under its own). Items whose
 * mass is unknown (pieces, a volume without a density) add nothing.
 */
export function seizedKg(f: Partial<TrendFilters>): SQL<number | null> {
  return f.substanceId
    ? sql<number | null>`(SELECT sum(si.mass_kg) FROM seizure_items si WHERE si.notice_id = ${notices.id} AND si.substance_id = ${f.substanceId})`
    : sql<number | null>`${notices.seizureMassKg}`;
}

/**
 * The visible set as a relation: id, kind, month and kg of each notice, and its marking (for a
 * file's TLP line); `only`, a further condition (a part of the set).
 */
export function visibleSet(viewer: Viewer, f: Partial<TrendFilters>, only?: SQL): SQL {
  return sql`SELECT ${notices.id} AS id, ${notices.kind} AS kind, ${notices.tlp} AS tlp,
      to_char(${notices.occurredOn}, 'YYYY-MM') AS month, ${seizedKg(f)} AS kg
    FROM ${notices} WHERE ${pictureConditions(viewer, f)} ${only ? sql`AND ${only}` : sql``}`;
}

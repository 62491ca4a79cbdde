import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { Locale } from "~/i18n/locales";
import type { SearchFilters } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { onRouteOf } from "./feed";
import { nameIn } from "./summaries";

/**
 * Counting and faceting stop at this many matches, the newest: at a million notices a common
 * word matches tens of thousands, and counting them all through the visibility rule costs seconds.
 * The page says "more than" and that the facets count the newest ones. This is the cap of a rare
 * query's matches (search.ts, COMMON_MATCHES), which are all read from the search index and
 * sorted anyway, whatever the cap.
 */
export const FACET_SAMPLE = 1000;
/**
 * A search that only names things (a substance, a crossing, no words) walks the feed's notices
 * newest first, each one read and judged by the visibility rule, until the cap: at a million
 * notices a thousand of a common substance took walking 1,700 notices (15–20 ms of PostgreSQL's
 * CPU, the whole search's budget), so it stops at 200.
 */
export const NAMED_FACET_SAMPLE = 200;
/**
 * A query the search walks newest first (search.ts, COMMON_MATCHES: ten thousand matches or more
 * expected, so the count is "more than" in any case) stops sooner still: each notice of that walk
 * has its search vector read and tested, and a declared HS code in 6% of the notices, of which the
 * reader may read about half, takes walking ~27 notices per match counted (50: ~1,300 notices,
 * 5–8 ms of PostgreSQL's CPU at a million; 250 took 6,700).
 */
export const COMMON_FACET_SAMPLE = 50;

/** Where a search's count stops, by the plan of its words (search.ts), null when it only names things. */
export const facetSample = (plan: "newest_first" | "matches_first" | null) =>
  plan === null ? NAMED_FACET_SAMPLE : plan === "newest_first" ? COMMON_FACET_SAMPLE : FACET_SAMPLE;

export const FACETS = ["kind", "crossing", "substance", "agency", "year"] as const;
export type Facet = (typeof FACETS)[number];
export type FacetValue = { value: string; name: string; count: number };

/** A search's filters as conditions on notices (a country as the feed means it: the place, or a seizure's route). */
export function filterConditions(f: SearchFilters): (SQL | undefined)[] {
  return [
    f.kind ? eq(notices.kind, f.kind) : undefined,
    f.crossingId ? eq(notices.crossingId, f.crossingId) : undefined,
    f.substanceId ? sql`${notices.substanceIds} @> ARRAY[${f.substanceId}]::text[]` : undefined,
    f.agencyId ? eq(notices.agencyId, f.agencyId) : undefined,
    f.countryCode ? sql`(${notices.countryCode} = ${f.countryCode} OR (${onRouteOf(f.countryCode)}))` : undefined,
    f.year ? and(gte(notices.occurredOn, `${f.year}-01-01`), lte(notices.occurredOn, `${f.year}-12-31`)) : undefined,
  ];
}

const facetName = (locale: Locale): SQL => sql`CASE f
  WHEN 'crossing' THEN (SELECT ${nameIn(locale, sql`c.name_en`, sql`c.name_ru`, sql`c.name_zh`)} FROM crossings c WHERE c.id = v)
  WHEN 'substance' THEN (SELECT ${nameIn(locale, sql`s.name_en`, sql`s.name_ru`, sql`s.name_zh`)} FROM substances s WHERE s.id = v)
  WHEN 'agency' THEN (SELECT a.short_name FROM agencies a WHERE a.id = v)
  ELSE v END`;

/**
 * The newest matches in posting order. A substance named by the query (and no words) is walked
 * through its own index, notice_substances (migration 0019, published notices only, as a search
 * without words reads), as the feed walks it: a common substance is in one notice of fourteen, and
 * walking all notices newest first to find a thousand of it read 27,000 rows at a million.
 */
function newestMatches(conditions: SQL, substanceId: string | undefined, order: SQL[] | undefined): SQL {
  if (!substanceId) {
    return sql`FROM ${notices} WHERE ${conditions} ORDER BY ${order ? sql.join(order, sql`, `) : sql`${notices.publishedAt} DESC NULLS LAST, ${notices.id} DESC NULLS LAST`}`;
  }
  return sql`FROM notice_substances ns JOIN ${notices} ON ${notices.id} = ns.notice_id
    WHERE ns.substance_id = ${substanceId} AND ${conditions} ORDER BY ns.published_at DESC NULLS LAST, ns.notice_id DESC NULLS LAST`;
}

/**
 * `walkSubstance`: the substance filter's id when the matches may be walked through its index
 * (published notices only, no words, no country filter); `sample`: where counting stops; `order`:
 * newest first as the search's plan reads its matches (search.ts, `sortedNewestFirst`).
 */
export type FacetOptions = { walkSubstance?: string; sample?: number; order?: SQL[] };

/** The statement searchFacets runs (exposed for EXPLAIN in tests). */
export function facetsStatement(viewer: Viewer, conditions: SQL, { walkSubstance, sample = FACET_SAMPLE, order }: FacetOptions = {}): SQL {
  return sql`
    WITH sampled AS MATERIALIZED (
      SELECT ${notices.kind} AS kind, ${notices.crossingId} AS crossing, ${notices.agencyId} AS agency,
             extract(year FROM ${notices.occurredOn})::int::text AS year, ${notices.substanceIds} AS substances
      ${newestMatches(conditions, walkSubstance, order)} LIMIT ${sample + 1}
    ), m AS (SELECT * FROM sampled LIMIT ${sample}), counted AS (
      SELECT 'total' AS f, '' AS v, count(*) AS n FROM sampled
      UNION ALL SELECT 'kind', kind::text, count(*) FROM m GROUP BY 2
      UNION ALL SELECT 'crossing', crossing, count(*) FROM m WHERE crossing IS NOT NULL GROUP BY 2
      UNION ALL SELECT 'substance', s, count(*) FROM m, unnest(substances) s GROUP BY 2
      UNION ALL SELECT 'agency', agency, count(*) FROM m GROUP BY 2
      UNION ALL SELECT 'year', year, count(*) FROM m GROUP BY 2
    )
    SELECT f, v, ${facetName(viewer.locale)} AS name, n::int AS n FROM counted ORDER BY f, n DESC, v`;
}

/**
 * The number of matches and, per facet, the values among them with their counts: all from the
 * rows `conditions` selects, which include the visibility rule, so a notice the viewer may not
 * read is in no count. The newest `sample` + 1 are read once (a CTE) and grouped five ways.
 */
export async function searchFacets(viewer: Viewer, conditions: SQL, options: FacetOptions = {}) {
  const sample = options.sample ?? FACET_SAMPLE;
  const rows = await db.execute<{ f: Facet | "total"; v: string; name: string; n: number }>(facetsStatement(viewer, conditions, options));
  const total = rows.find((row) => row.f === "total")?.n ?? 0;
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
  for (const row of rows) if (row.f !== "total") facets[row.f].push({ value: row.v, name: row.name ?? row.v, count: row.n });
  // Years newest first, as a reader scans them.
  facets.year.sort((a, b) => b.value.localeCompare(a.value));
  return { total: Math.min(total, sample), more: total > sample, facets };
}

/** The names of the chosen crossing, substance, agency and country in the reader's language, for their chips (also with no results). */
export async function filterNames(
  locale: Locale,
  f: SearchFilters,
): Promise<Partial<Record<"crossingId" | "substanceId" | "agencyId" | "countryCode", string>>> {
  if (!f.crossingId && !f.substanceId && !f.agencyId && !f.countryCode) return {};
  const [row] = await db.execute<{ crossingId: string | null; substanceId: string | null; agencyId: string | null; countryCode: string | null }>(sql`SELECT
    (SELECT ${nameIn(locale, sql`c.name_en`, sql`c.name_ru`, sql`c.name_zh`)} FROM crossings c WHERE c.id = ${f.crossingId ?? null}) AS "crossingId",
    (SELECT ${nameIn(locale, sql`s.name_en`, sql`s.name_ru`, sql`s.name_zh`)} FROM substances s WHERE s.id = ${f.substanceId ?? null}) AS "substanceId",
    (SELECT a.short_name FROM agencies a WHERE a.id = ${f.agencyId ?? null}) AS "agencyId",
    (SELECT ${nameIn(locale, sql`k.name_en`, sql`k.name_ru`, sql`k.name_zh`)} FROM countries k WHERE k.code = ${f.countryCode ?? null}) AS "countryCode"`);
  return Object.fromEntries(Object.entries(row ?? {}).filter(([, name]) => name !== null)) as Record<string, string>;
}

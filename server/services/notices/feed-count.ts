import { and, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import { NEWER_COUNT_CAP, type ZFeedCountInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { inPlace } from "~/server/services/visibility";
import type { Cursor } from "./cursor";
import { countryHalves, filterConditions, filterValues, joinsSubstances, onRouteOf, withSubstances, type FeedInput } from "./feed";

// Counting every notice a reader may see walks all of them through the visibility rule: at a
// million notices, seconds for a coordinator. Counting stops at the cap, and the page says "more
// than". Measured at 1M notices (2 cores): 12–40 ms for the feed and a crossing, agency, country or
// date; ~200 ms for AMBER seizures of one substance; ~500 ms for TLP:RED, where the walk passes
// ~80,000 notices the reader may not read to find a few. No time budget cuts it short: a count
// missing only when many hidden notices match would tell the reader they exist. The walk costs
// what the feed's own page costs for the same filters (the timing limit in SECURITY.md).
export const FEED_COUNT_CAP = 1000;

/** How many notices the filters find for the viewer, up to FEED_COUNT_CAP (`more` when there are more). */
export async function countFeed({ viewer, input }: { viewer: Viewer; input: z.infer<typeof ZFeedCountInput> }) {
  const f = input.filters;
  const conditions = and(...filterConditions(viewer, f, inPlace, filterValues(false, inPlace), joinsSubstances(f) ? "joined" : "listed"));
  const enough = FEED_COUNT_CAP + 1;
  const matches = f.countryCode
    ? (([place, route]) => sql`(${place}) UNION ALL (${route}) LIMIT ${sql.raw(String(enough))}`)(countryHalves(conditions, f.countryCode, inPlace, enough))
    : withSubstances(db.select({ id: notices.id }).from(notices).$dynamic(), f)
        .where(conditions)
        .limit(enough);
  const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${matches}) AS matches`);
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, FEED_COUNT_CAP), more: n > FEED_COUNT_CAP };
}

/**
 * How many published notices the viewer may read match the feed's filters and are newer than
 * `newer` (the first notice the page shows; without one, the page showed none), up to
 * NEWER_COUNT_CAP. The same filters and the same visibility rule as the feed itself, as one
 * condition: the newer-than bound keeps it to the few rows at the head of the feed index.
 */
export async function countNewer(viewer: Viewer, filters: FeedInput["filters"], newer: Cursor | null): Promise<number> {
  const code = filters.countryCode;
  const matching = db
    .select({ one: sql`1` })
    .from(notices)
    .where(
      and(
        // The substance as the notice's own list: the newer-than bound keeps the walk to the head
        // of the feed index, whose order the substance filter's index does not share.
        ...filterConditions(viewer, { ...filters, status: "published" }, inPlace, filterValues(false, inPlace), "listed"),
        code ? sql`(${notices.countryCode} = ${code} OR (${onRouteOf(code)}))` : undefined,
        newer ? sql`(${notices.publishedAt}, ${notices.id}) > (${newer.at.toISOString()}::timestamptz, ${newer.id}::uuid)` : undefined,
      ),
    )
    .limit(NEWER_COUNT_CAP)
    .as("matching");
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(matching);
  return row?.count ?? 0;
}

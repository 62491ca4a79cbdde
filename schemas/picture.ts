import { z } from "zod";
import { FEED_PARAMS, ZFeedFilters } from "./notices";

/**
 * The regional picture (map and trends) filters, taken from the feed's own filters so that a
 * number on the map or in a trend is the count of the feed with the same filters: published
 * notices the viewer may read, the period being the date each happened (`from`–`to`, inclusive).
 */
const period = ZFeedFilters.pick({ from: true, to: true });

// An empty period (from after to) is a typing error the reader should see, not an empty chart.
const ordered = (p: { from?: string; to?: string }) => !p.from || !p.to || p.from <= p.to;
const ORDER_ERROR = { error: "periodOrder", path: ["to"] };

/** The map: every crossing with the number of notices at it in the period. */
export const ZCrossingCounts = z.strictObject(period.shape).refine(ordered, ORDER_ERROR);
export type CrossingCountsInput = z.infer<typeof ZCrossingCounts>;

/** Trends: per month, kind mix and tops, for one crossing, substance, country or agency (or all of them). */
export const ZTrendFilters = z
  .strictObject(ZFeedFilters.pick({ crossingId: true, substanceId: true, countryCode: true, agencyId: true, from: true, to: true }).shape)
  .refine(ordered, ORDER_ERROR);
export type TrendFilters = z.infer<typeof ZTrendFilters>;

export const ZTrendsInput = z.strictObject({ filters: ZTrendFilters.default({}) });
export type TrendsInput = z.infer<typeof ZTrendsInput>;

/** The trends page's address: the feed's short query parameters for the filters it shares. */
const { crossing, substance, country, agency, from, to } = FEED_PARAMS;
export const TREND_PARAMS = { crossing, substance, country, agency, from, to } as const satisfies Record<string, keyof TrendFilters>;

/** How many entries each "top" list holds. */
export const TOP_LIMIT = 10;

import { ZCrossingCounts, ZTrendsInput } from "~/schemas/picture";
import { permissionProcedure, router } from "~/server/api/trpc";
import { crossingCounts } from "~/server/services/picture/crossing-counts";
import { trends } from "~/server/services/picture/trends";
import { trendsCsv } from "~/server/services/picture/trends-csv";

// The regional picture counts what its reader may read, and nothing else: the same permission as
// the feed, and every number through the visibility rule (server/services/picture/visible-set.ts).
const read = permissionProcedure("notice.read");

export const pictureRouter = router({
  crossingCounts: read.input(ZCrossingCounts).query(({ ctx: { viewer }, input }) => crossingCounts({ viewer, input })),
  trends: read.input(ZTrendsInput).query(({ ctx: { viewer }, input }) => trends({ viewer, input })),
  trendsCsv: read.input(ZTrendsInput).query(({ ctx: { viewer }, input }) => trendsCsv({ viewer, input })),
});

import { ZDecideEntities, ZEntityRef, ZNoticeCorrelations } from "~/schemas/entities";
import { permissionProcedure, router } from "~/server/api/trpc";
import { noticeCorrelations } from "~/server/services/entities/correlate";
import { decideEntities } from "~/server/services/entities/decide";
import { entityPage } from "~/server/services/entities/page";

export const entitiesRouter = router({
  correlations: permissionProcedure("notice.read")
    .input(ZNoticeCorrelations)
    .query(({ ctx: { viewer }, input }) => noticeCorrelations({ viewer, input })),
  get: permissionProcedure("notice.read")
    .input(ZEntityRef)
    .query(({ ctx: { viewer }, input }) => entityPage({ viewer, input })),
  // Saying two entities are (not) the same is as stating two notices are related: notice.link.
  decide: permissionProcedure("notice.link")
    .input(ZDecideEntities)
    .mutation(({ ctx: { viewer }, input }) => decideEntities({ viewer, input: { id: input.id, otherId: input.otherId, same: input.decision === "same" } })),
});

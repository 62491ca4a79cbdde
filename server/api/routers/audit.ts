import { ZAgencyReads, ZAuditSearch } from "~/schemas/moderation";
import { permissionProcedure, router } from "~/server/api/trpc";
import { agencyReads, searchAudit } from "~/server/services/audit-trail/search";

export const auditRouter = router({
  search: permissionProcedure("audit.search")
    .input(ZAuditSearch)
    .query(({ ctx: { viewer }, input }) => searchAudit({ viewer, input })),
  agencyReads: permissionProcedure("notice.read_log")
    .input(ZAgencyReads)
    .query(({ ctx: { viewer }, input }) => agencyReads({ viewer, input })),
});

import { ZAnswerDeconfliction, ZDeconflictionHints, ZEntityDeconfliction, ZRequestDeconfliction } from "~/schemas/deconfliction";
import { permissionProcedure, router } from "~/server/api/trpc";
import { answerDeconfliction } from "~/server/services/deconfliction/answer";
import { entityHint, noticeHints } from "~/server/services/deconfliction/held";
import { deconflictionOverview } from "~/server/services/deconfliction/list";
import { requestDeconfliction } from "~/server/services/deconfliction/request";

// Hints are read by every reader of a notice (the service answers nothing to those who may not ask),
// so that a page's calls do not depend on the role.
export const deconflictionRouter = router({
  hints: permissionProcedure("notice.read")
    .input(ZDeconflictionHints)
    .query(({ ctx: { viewer }, input }) => noticeHints({ viewer, input })),
  entityHint: permissionProcedure("notice.read")
    .input(ZEntityDeconfliction)
    .query(({ ctx: { viewer }, input }) => entityHint({ viewer, input })),
  request: permissionProcedure("deconfliction.request")
    .input(ZRequestDeconfliction)
    .mutation(({ ctx: { viewer }, input }) => requestDeconfliction({ viewer, input })),
  answer: permissionProcedure("deconfliction.answer")
    .input(ZAnswerDeconfliction)
    .mutation(({ ctx: { viewer }, input }) => answerDeconfliction({ viewer, input })),
  overview: permissionProcedure("deconfliction.request").query(({ ctx: { viewer } }) => deconflictionOverview({ viewer })),
});

import {
  ZMerge,
  ZModerationDecision,
  ZModerationLog,
  ZPin,
  ZPreModerationAgency,
  ZPreModerationUser,
  ZRedact,
  ZReportNotice,
  ZReviewId,
} from "~/schemas/moderation";
import { permissionProcedure, router } from "~/server/api/trpc";
import { approveNotice, dismissReports, rejectNotice, requestChanges, retractByModerator } from "~/server/services/moderation/decisions";
import { moderationLog } from "~/server/services/moderation/log";
import { creditsFor, mergeNotices, redirectFor } from "~/server/services/moderation/merge";
import { pinNotice, pinnedNotices, unpinNotice } from "~/server/services/moderation/pins";
import { setAgencyPreModeration, setUserPreModeration } from "~/server/services/moderation/pre-moderation";
import { qualitySignals } from "~/server/services/moderation/quality";
import { moderationQueue, reviewNotice } from "~/server/services/moderation/queue";
import { redactField } from "~/server/services/moderation/redact";
import { reportNotice } from "~/server/services/moderation/reports";

const review = permissionProcedure("moderation.review");
const decision = review.input(ZModerationDecision);

export const moderationRouter = router({
  report: permissionProcedure("notice.report")
    .input(ZReportNotice)
    .mutation(({ ctx: { viewer }, input }) => reportNotice({ viewer, input })),
  queue: review.query(({ ctx: { viewer } }) => moderationQueue({ viewer })),
  review: review.input(ZReviewId).query(({ ctx: { viewer }, input }) => reviewNotice({ viewer, input })),
  quality: review.query(({ ctx: { viewer } }) => qualitySignals({ viewer })),
  approve: decision.mutation(({ ctx: { viewer }, input }) => approveNotice({ viewer, input })),
  requestChanges: decision.mutation(({ ctx: { viewer }, input }) => requestChanges({ viewer, input })),
  reject: decision.mutation(({ ctx: { viewer }, input }) => rejectNotice({ viewer, input })),
  retract: decision.mutation(({ ctx: { viewer }, input }) => retractByModerator({ viewer, input })),
  dismiss: decision.mutation(({ ctx: { viewer }, input }) => dismissReports({ viewer, input })),
  unpin: decision.mutation(({ ctx: { viewer }, input }) => unpinNotice({ viewer, input })),
  redact: review.input(ZRedact).mutation(({ ctx: { viewer }, input }) => redactField({ viewer, input })),
  merge: review.input(ZMerge).mutation(({ ctx: { viewer }, input }) => mergeNotices({ viewer, input })),
  pin: review.input(ZPin).mutation(({ ctx: { viewer }, input }) => pinNotice({ viewer, input })),
  log: permissionProcedure("moderation.log")
    .input(ZModerationLog)
    .query(({ ctx: { viewer }, input }) => moderationLog({ viewer, input })),
  // Read by every notice page: what any reader of a notice may know about it.
  pinned: permissionProcedure("notice.read").query(({ ctx: { viewer } }) => pinnedNotices({ viewer })),
  redirect: permissionProcedure("notice.read")
    .input(ZReviewId)
    .query(({ ctx: { viewer }, input }) => redirectFor({ viewer, input })),
  credits: permissionProcedure("notice.read")
    .input(ZReviewId)
    .query(({ ctx: { viewer }, input }) => creditsFor({ viewer, input })),
  setAgencyPreModeration: permissionProcedure("moderation.configure")
    .input(ZPreModerationAgency)
    .mutation(({ ctx: { viewer }, input }) => setAgencyPreModeration({ viewer, input })),
  setUserPreModeration: permissionProcedure("moderation.configure")
    .input(ZPreModerationUser)
    .mutation(({ ctx: { viewer }, input }) => setUserPreModeration({ viewer, input })),
});

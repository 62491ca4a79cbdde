import { z } from "zod";
import {
  ZCreateNotice,
  ZFeedArrivals,
  ZFeedCountInput,
  ZFeedInput,
  ZLinkNotices,
  ZNoticeId,
  ZNoticePick,
  ZNoticeVersion,
  ZRecipientQuery,
  ZRetractNotice,
  ZSearchInput,
  ZSimilarCompanies,
  ZUpdateNotice,
} from "~/schemas/notices";
import { plainJson } from "~/server/api/transformer";
import { permissionProcedure, router } from "~/server/api/trpc";
import { noticeFormOptions, recipientOptions } from "~/server/services/notices/options";
import { arrivalsStream } from "~/server/services/notices/arrivals";
import { decodeCursor } from "~/server/services/notices/cursor";
import { listFeed } from "~/server/services/notices/feed";
import { countFeed } from "~/server/services/notices/feed-count";
import { getNotice, getNoticeVersion, noticeReadLog } from "~/server/services/notices/read";
import { pickNotices } from "~/server/services/notices/pick";
import { searchNotices } from "~/server/services/notices/search";
import { similarCompanies } from "~/server/services/notices/similar";
import { linkNotices, unlinkNotices } from "~/server/services/notices/links";
import { releaseNotice, retractNotice, submitDraft } from "~/server/services/notices/steps";
import { createNotice, updateNotice } from "~/server/services/notices/write";

const ZById = z.strictObject({ id: ZNoticeId });

export const noticesRouter = router({
  get: permissionProcedure("notice.read")
    .input(ZById)
    .query(({ ctx: { viewer }, input }) => getNotice({ viewer, input })),
  version: permissionProcedure("notice.read")
    .input(ZNoticeVersion)
    .query(({ ctx: { viewer }, input }) => getNoticeVersion({ viewer, input })),
  readLog: permissionProcedure("notice.read_log")
    .input(ZById)
    .query(({ ctx: { viewer }, input }) => noticeReadLog({ viewer, input })),
  create: permissionProcedure("notice.create")
    .input(ZCreateNotice)
    .mutation(({ ctx: { viewer }, input }) => createNotice({ viewer, input })),
  update: permissionProcedure("notice.edit")
    .input(ZUpdateNotice)
    .mutation(({ ctx: { viewer }, input }) => updateNotice({ viewer, input })),
  submit: permissionProcedure("notice.edit")
    .input(ZById)
    .mutation(({ ctx: { viewer }, input }) => submitDraft({ viewer, input })),
  release: permissionProcedure("notice.release")
    .input(ZById)
    .mutation(({ ctx: { viewer }, input }) => releaseNotice({ viewer, input })),
  retract: permissionProcedure("notice.retract")
    .input(ZRetractNotice)
    .mutation(({ ctx: { viewer }, input }) => retractNotice({ viewer, input })),
  link: permissionProcedure("notice.link")
    .input(ZLinkNotices)
    .mutation(({ ctx: { viewer }, input }) => linkNotices({ viewer, input })),
  unlink: permissionProcedure("notice.link")
    .input(ZLinkNotices)
    .mutation(({ ctx: { viewer }, input }) => unlinkNotices({ viewer, input })),
  formOptions: permissionProcedure("notice.create").query(({ ctx: { viewer } }) => noticeFormOptions({ viewer })),
  recipientOptions: permissionProcedure("notice.create")
    .input(ZRecipientQuery)
    .query(({ ctx: { viewer }, input }) => recipientOptions({ viewer, input })),
  similarCompanies: permissionProcedure("notice.create")
    .input(ZSimilarCompanies)
    .query(({ ctx: { viewer }, input }) => similarCompanies({ viewer, input })),
  feed: permissionProcedure("notice.read")
    .input(ZFeedInput)
    .query(async ({ ctx: { viewer }, input }) => plainJson(await listFeed({ viewer, input }))),
  // Server-sent events: the number of new notices an open feed page would show, when it changes.
  arrivals: permissionProcedure("notice.read")
    .input(ZFeedArrivals)
    .subscription(({ ctx: { viewer }, input, signal }) => {
      // Decoded before the stream starts: a cursor that is not ours is refused as the call's answer.
      const after = input.after === null ? null : decodeCursor(input.after);
      return arrivalsStream({ viewer, filters: input.filters, after, signal: signal ?? new AbortController().signal });
    }),
  feedCount: permissionProcedure("notice.read")
    .input(ZFeedCountInput)
    .query(({ ctx: { viewer }, input }) => countFeed({ viewer, input })),
  search: permissionProcedure("notice.read")
    .input(ZSearchInput)
    .query(async ({ ctx: { viewer }, input }) => plainJson(await searchNotices({ viewer, input }))),
  pick: permissionProcedure("notice.read")
    .input(ZNoticePick)
    .query(async ({ ctx: { viewer }, input }) => plainJson(await pickNotices({ viewer, input }))),
});

import { ZCreateSubscription, ZFollowTarget, ZMailSettings, ZNoticeRef, ZSubscriptionId, ZUpdateSubscription, ZWatch } from "~/schemas/subscriptions";
import { permissionProcedure, router } from "~/server/api/trpc";
import {
  createSubscription,
  deleteSubscription,
  getMailSettings,
  listSubscriptions,
  subscriptionOptions,
  subscriptionFor,
  unwatchNotice,
  updateMailSettings,
  updateSubscription,
  watchNotice,
  watchState,
} from "~/server/services/subscriptions/manage";

const manage = permissionProcedure("subscription.manage");

export const subscriptionsRouter = router({
  options: manage.query(({ ctx: { viewer } }) => subscriptionOptions({ viewer })),
  list: manage.query(({ ctx: { viewer } }) => listSubscriptions({ viewer })),
  create: manage.input(ZCreateSubscription).mutation(({ ctx: { viewer }, input }) => createSubscription({ viewer, input })),
  update: manage.input(ZUpdateSubscription).mutation(({ ctx: { viewer }, input }) => updateSubscription({ viewer, input })),
  remove: manage.input(ZSubscriptionId).mutation(({ ctx: { viewer }, input }) => deleteSubscription({ viewer, input })),
  forTarget: manage.input(ZFollowTarget).query(({ ctx: { viewer }, input }) => subscriptionFor({ viewer, input })),
  watch: manage.input(ZWatch).mutation(({ ctx: { viewer }, input }) => watchNotice({ viewer, input })),
  unwatch: manage.input(ZNoticeRef).mutation(({ ctx: { viewer }, input }) => unwatchNotice({ viewer, input })),
  watching: manage.input(ZNoticeRef).query(({ ctx: { viewer }, input }) => watchState({ viewer, input })),
  mailSettings: manage.query(({ ctx: { viewer } }) => getMailSettings({ viewer })),
  updateMailSettings: manage.input(ZMailSettings).mutation(({ ctx: { viewer }, input }) => updateMailSettings({ viewer, input })),
});

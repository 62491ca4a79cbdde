import { tracked } from "@trpc/server";
import { ZMarkNotificationRead, ZNotificationsPage, ZNotificationsStream } from "~/schemas/notifications";
import { permissionProcedure, router } from "~/server/api/trpc";
import { markAllNotificationsRead, markNotificationRead } from "~/server/services/notifications/mark";
import { bellState, countUnread, listNotifications } from "~/server/services/notifications/read";
import { notificationStream } from "~/server/services/notifications/stream";

export const notificationsRouter = router({
  list: permissionProcedure("notification.read")
    .input(ZNotificationsPage)
    .query(({ ctx: { viewer }, input }) => listNotifications({ viewer, input })),
  unreadCount: permissionProcedure("notification.read").query(({ ctx: { viewer } }) => countUnread({ viewer })),
  // The header of every page: the unread count as of its render, and where its stream starts (the
  // stream sends what arrived after it).
  bell: permissionProcedure("notification.read").query(({ ctx: { viewer } }) => bellState({ viewer })),
  markRead: permissionProcedure("notification.mark_read")
    .input(ZMarkNotificationRead)
    .mutation(({ ctx: { viewer }, input }) => markNotificationRead({ viewer, input })),
  markAllRead: permissionProcedure("notification.mark_read").mutation(({ ctx: { viewer } }) => markAllNotificationsRead({ viewer })),
  // Server-sent events; each carries the notification's id, which the browser sends back as
  // Last-Event-ID when it reconnects.
  onNew: permissionProcedure("notification.read")
    .input(ZNotificationsStream)
    .subscription(async function* ({ ctx: { viewer }, input, signal }) {
      const lastEventId = input?.lastEventId ? Number(input.lastEventId) : null;
      for await (const item of notificationStream({ viewer, lastEventId, signal: signal ?? new AbortController().signal })) {
        yield tracked(String(item.id), item);
      }
    }),
});

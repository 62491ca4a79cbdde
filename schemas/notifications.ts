import { z } from "zod";
import { string } from "./fields";

export const NOTIFICATIONS_PAGE_MAX = 50;

export { UNREAD_COUNT_CAP } from "./notification-limits";

// Notification ids are bigserials; 2^53 is far beyond any table this platform will hold.
const ZNotificationId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ZNotificationsPage = z.strictObject({
  // The id of the last notification of the previous page: ids only grow, so they order the list.
  cursor: ZNotificationId.optional(),
  limit: z.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
});
export type NotificationsPage = z.output<typeof ZNotificationsPage>;

export const ZMarkNotificationRead = z.strictObject({ id: ZNotificationId });

/**
 * The realtime stream. `lastEventId` is filled in by the SSE client (EventSource's Last-Event-ID)
 * with the id of the last notification it received, so a reconnecting client gets what it missed.
 */
export const ZNotificationsStream = z
  .strictObject({
    lastEventId: string()
      .regex(/^(0|[1-9][0-9]{0,14})$/)
      .nullish(),
  })
  .optional();

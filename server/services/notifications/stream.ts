import { asc, gt } from "drizzle-orm";
import { notifications } from "~/db/schema";
import { loadViewer, type Viewer } from "~/server/auth/sessions";
import { notificationsListener } from "./listener";
import { latestReadableId, notificationsOf, type NotificationItem } from "./read";
import { wakeups } from "./wakeups";

const PAGE = 100;

/**
 * The viewer's new notifications as they arrive, oldest first, for as long as `signal` is not
 * aborted. With `lastEventId` (the last id the client received) it first sends everything after
 * it, so a client that lost its connection misses nothing; without, it starts from now.
 *
 * Ids become visible in increasing order (deliverInApp sees to it), so "everything after the
 * last id sent" is always exactly what is new. The process-wide listener only says when to look;
 * the rows are read from the table through the visibility rule, with the session checked first,
 * so a signed-out or disabled user's stream ends and a notice re-restricted since its fan-out is
 * not pushed.
 */
export async function* notificationStream({
  viewer,
  lastEventId,
  signal,
}: {
  viewer: Viewer;
  lastEventId: number | null;
  signal: AbortSignal;
}): AsyncGenerator<NotificationItem> {
  // Taken before listening starts, and followed by one read once it has: a notification
  // committed in between is sent by that read rather than lost.
  let last = lastEventId ?? (await latestReadableId(viewer));
  const wakes = wakeups(signal);
  let unsubscribe = () => {};
  try {
    unsubscribe = await notificationsListener().subscribe(viewer.userId, wakes.wake);
    while (await wakes.next()) {
      const current = await loadViewer(viewer.sessionId, viewer.ip ?? null);
      if (!current) return;
      for (;;) {
        const page = await notificationsOf(current, gt(notifications.id, last)).orderBy(asc(notifications.id)).limit(PAGE);
        for (const item of page) {
          last = item.id;
          yield item;
        }
        if (page.length < PAGE) break;
      }
    }
  } finally {
    wakes.stop();
    unsubscribe();
  }
}

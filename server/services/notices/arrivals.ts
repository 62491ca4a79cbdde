import type { FeedFilters } from "~/schemas/notices";
import { loadViewer, type Viewer } from "~/server/auth/sessions";
import { notificationsListener } from "~/server/services/notifications/listener";
import { wakeups } from "~/server/services/notifications/wakeups";
import type { Cursor } from "./cursor";
import { countNewer } from "./feed-count";

/**
 * How many notices newer than the page's first one the viewer may read and that match the page's
 * filters, each time that number changes, for as long as `signal` is not aborted: the "3 new
 * notices — show" of an open feed or crossing page.
 *
 * Every new-notice signal wakes every open page, which counts again through the feed's filters
 * and the visibility rule (with the session checked first, so a signed-out or disabled user's
 * stream ends). A notice the viewer may not read leaves the count as it was, and an unchanged count
 * sends nothing: the client sees exactly what it would see had that notice never been posted.
 * Nothing is kept between signals but this stream's last count, so any number of app instances
 * can serve pages over one database.
 */
export async function* arrivalsStream({
  viewer,
  filters,
  after,
  signal,
}: {
  viewer: Viewer;
  filters: FeedFilters;
  /** The first notice the page shows, if any. */
  after: Cursor | null;
  signal: AbortSignal;
}): AsyncGenerator<{ count: number }> {
  const wakes = wakeups(signal);
  let unsubscribe = () => {};
  let last = 0;
  try {
    // Listening starts before the first count, so a notice committed in between is counted.
    unsubscribe = await notificationsListener().subscribeNewNotices(wakes.wake);
    while (await wakes.next()) {
      const current = await loadViewer(viewer.sessionId, viewer.ip ?? null);
      if (!current) return;
      const count = await countNewer(current, filters, after);
      if (count === last) continue;
      last = count;
      yield { count };
    }
  } finally {
    wakes.stop();
    unsubscribe();
  }
}

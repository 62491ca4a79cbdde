"use client";

import { useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { fetchQuery, subscriptionUrl, useSubscriptionEvents } from "~/app/_trpc/events";
import { UNREAD_COUNT_CAP } from "~/schemas/notification-limits";

// How many notifications arrived since the page loaded (pages that list them refresh on a change),
// and the unread count as last read (null: not yet; an object per read, so that a read that finds
// the same number as the one before still counts as the newest).
const Live = createContext<{ arrivals: number; unread: { value: number } | null }>({ arrivals: 0, unread: null });

/**
 * One realtime stream per tab, for every signed-in page. It starts after `since`, the newest
 * notification when the page was rendered (with the count the page shows), so what arrives in
 * between comes down the stream; each notification that arrives refreshes the unread count, and so
 * does every reconnection after the first. After a dropped connection the browser resumes from the
 * last event it received (its Last-Event-ID header wins over the address), so nothing is missed.
 */
export function LiveNotifications({ since, children }: { since: number; children: ReactNode }) {
  const [arrivals, setArrivals] = useState(0);
  const [unread, setUnread] = useState<{ value: number } | null>(null);
  const connected = useRef(false);
  const refreshCount = () => {
    // A failed read leaves the count as it was: the next event or reconnection reads it again.
    fetchQuery<number>("notifications.unreadCount").then(
      (value) => setUnread({ value }),
      () => undefined,
    );
  };
  useSubscriptionEvents(`${subscriptionUrl("notifications.onNew")}?lastEventId=${since}`, {
    onStart: () => {
      if (connected.current) refreshCount();
      connected.current = true;
    },
    onData: () => {
      refreshCount();
      setArrivals((n) => n + 1);
    },
  });
  return <Live value={{ arrivals, unread }}>{children}</Live>;
}

/** Re-renders the current page's server components when a notification arrives. */
export function RefreshOnArrival() {
  const { arrivals } = useContext(Live);
  const router = useRouter();
  const seen = useRef(arrivals);
  useEffect(() => {
    if (arrivals === seen.current) return;
    seen.current = arrivals;
    router.refresh();
  }, [arrivals, router]);
  return null;
}

/** The bell in the header: a link to the notification centre with the live unread count. */
export function NotificationBell({ count }: { count: number }) {
  const t = useTranslations("notifications.bell");
  const { unread: live } = useContext(Live);
  // Whichever changed last wins: a server render (after marking read, or a navigation) brings a
  // fresher count than the stream's last read, and the stream's next read a fresher one again.
  const [shown, setShown] = useState({ count, live, unread: count });
  if (shown.count !== count || shown.live !== live) setShown({ count, live, unread: shown.count !== count || live === null ? count : live.value });
  const unread = shown.unread;
  return (
    <Link
      href="/notifications"
      aria-label={t("unread", { count: unread })}
      className="relative inline-flex items-center rounded-md px-2 py-1.5 hover:bg-white/10"
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold" data-testid="notification-count">
          {unread >= UNREAD_COUNT_CAP ? t("many") : unread}
        </span>
      ) : null}
    </Link>
  );
}

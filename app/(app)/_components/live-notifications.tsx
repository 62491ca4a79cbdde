"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useTRPC } from "~/app/_trpc/react";
import { UNREAD_COUNT_CAP } from "~/schemas/notification-limits";

// How many notifications arrived since the page loaded: pages that list them refresh on a change.
const Arrivals = createContext(0);

/**
 * One realtime stream per tab, for every signed-in page. Each notification that arrives refreshes
 * the unread count; so does every (re)connection, which covers anything that arrived between the
 * page's render and the stream's start. After a dropped connection the browser resumes from the
 * last event it received, so nothing is missed.
 */
export function LiveNotifications({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [arrivals, setArrivals] = useState(0);
  const refreshCount = () => void queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() });
  useSubscription(
    trpc.notifications.onNew.subscriptionOptions(undefined, {
      onStarted: refreshCount,
      onData: () => {
        refreshCount();
        setArrivals((n) => n + 1);
      },
    }),
  );
  return <Arrivals value={arrivals}>{children}</Arrivals>;
}

/** Re-renders the current page's server components when a notification arrives. */
export function RefreshOnArrival() {
  const arrivals = useContext(Arrivals);
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: unread = count } = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), initialData: count });
  // A server render (after marking read, or a navigation) brings a fresher count than the cache.
  useEffect(() => {
    queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), count);
  }, [count, queryClient, trpc]);
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

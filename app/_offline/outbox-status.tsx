"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import { Link } from "~/app/_components/link";
import { mayKeepPage, OUTBOX_PAGE } from "./kept-pages";
import { onWaitingChange, outboxMayHoldAnything, recordWaiting, waitingCount } from "./waiting-count";

/**
 * After the page has loaded and the browser is idle: nothing here may compete with the page
 * itself. (Safari has no requestIdleCallback: a second's wait stands in for it.)
 */
function whenIdle(task: () => void): () => void {
  const idle = typeof window.requestIdleCallback === "function";
  let handle: number | undefined;
  const schedule = () => {
    handle = idle ? window.requestIdleCallback(task, { timeout: 3000 }) : window.setTimeout(task, 1000);
  };
  if (document.readyState === "complete") schedule();
  else window.addEventListener("load", schedule, { once: true });
  return () => {
    window.removeEventListener("load", schedule);
    if (handle === undefined) return;
    if (idle) window.cancelIdleCallback(handle);
    else window.clearTimeout(handle);
  };
}

/**
 * Asks the service worker to keep this page for offline reading (when it is one it may keep): a
 * page reached by a client-side navigation was never loaded as a page, so the worker has no copy.
 * The notice form also keeps the outbox page, where a notice written offline is shown.
 */
function keepForOffline(): void {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return;
  const pages = window.location.pathname === "/notices/new" ? [window.location.href, OUTBOX_PAGE] : [window.location.href];
  for (const url of pages) if (mayKeepPage(new URL(url, window.location.href).pathname)) worker.postMessage({ type: "keep", url });
}

/**
 * In the header of every signed-in page: installs the offline service worker and says how many of
 * the user's notices wait in this device's outbox ("1 waiting to send"), linking to the outbox.
 * It is kept small, as every page loads it: the count comes from ./waiting-count (localStorage,
 * read at once). The outbox (idb) is imported, once the page is idle, only while that count says
 * something waits (or, on a device that never recorded it, while the outbox's database exists),
 * and what sends (./sender: at once, when the browser is back online, every half minute) only
 * while the user's notices wait.
 */
export function OutboxStatus({ userId }: { userId: string }) {
  const t = useTranslations("offline.client");
  const pathname = usePathname();
  // Nothing on the server: its render and the browser's first render agree, then the count shows.
  const waiting = useSyncExternalStore(
    onWaitingChange,
    () => waitingCount(userId),
    () => 0,
  );
  const count = waiting ?? 0;
  const outboxNeeded = waiting !== 0;

  useEffect(
    () =>
      whenIdle(() => {
        // The worker is built by `npm run build` only; the development server has none.
        if (process.env.NODE_ENV === "production" && "serviceWorker" in navigator) {
          void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
        }
      }),
    [],
  );

  useEffect(() => whenIdle(keepForOffline), [pathname]);

  useEffect(() => {
    if (!outboxNeeded) return;
    let stopped = false;
    let loading = false;
    let stopSending: (() => void) | null = null;
    const start = () => {
      if (stopped || loading || stopSending) return;
      loading = true;
      // The outbox recounts first: the recorded count may be stale (storage cleared by the browser).
      (waitingCount(userId) === null ? outboxMayHoldAnything() : Promise.resolve(true))
        .then((mayHold) => (mayHold ? import("./outbox").then((outbox) => outbox.recount()) : recordWaiting({})))
        .then(() => (stopped || !waitingCount(userId) ? null : import("./sender")))
        .then((sender) => {
          if (sender && !stopped) stopSending = sender.keepSending(userId);
        })
        // Not loaded (the link is down and the chunk was never fetched): the next change tries again.
        .catch(() => undefined)
        .finally(() => {
          loading = false;
        });
    };
    const cancel = whenIdle(start);
    const unsubscribe = onWaitingChange(start);
    return () => {
      stopped = true;
      cancel();
      unsubscribe();
      stopSending?.();
    };
  }, [userId, outboxNeeded]);

  if (count === 0) return null;
  return (
    <Link
      href={OUTBOX_PAGE}
      data-testid="outbox-status"
      className="whitespace-nowrap rounded-md bg-amber-300 px-2 py-1 text-sm font-medium text-amber-950 hover:bg-amber-200"
    >
      {t("waiting", { count })}
    </Link>
  );
}

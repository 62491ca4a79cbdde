"use client";

import { matchMutation, useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Link } from "~/app/_components/link";
import { useTRPC } from "~/app/_trpc/react";
import { mayKeepPage, OUTBOX_PAGE } from "./kept-pages";
import type { NewOutboxItem, Sender } from "./outbox";

// While anything waits, how often to try again besides when the browser says it is back online.
const RETRY_MS = 30_000;

/** The tRPC mutations the outbox sends with, as plain functions that stay the same across renders. */
export function useSender(): Sender {
  const trpc = useTRPC();
  // Marked, so that a send of the outbox's own that gets no answer is not queued a second time.
  const create = useMutation({ ...trpc.notices.create.mutationOptions(), meta: { outbox: true } });
  const link = useMutation(trpc.notices.link.mutationOptions());
  const sender = useRef<Sender>({ create: create.mutateAsync, link: link.mutateAsync });
  sender.current.create = create.mutateAsync;
  sender.current.link = link.mutateAsync;
  return sender.current;
}

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
    if (handle !== undefined) (idle ? window.cancelIdleCallback(handle) : window.clearTimeout(handle));
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
 * Queues a new notice whose submission got no answer from the server (the link dropped while the
 * browser still thought itself online), from any form that sends it with `notices.create`: the
 * form keeps its text and says the server could not be reached, and the outbox sends it under the
 * same idempotency key, so that a second press of the form's button makes no second notice.
 */
function useQueueUnanswered(userId: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const mutationKey = trpc.notices.create.mutationKey();
    return queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "error") return;
      const { mutation } = event;
      if (mutation.meta?.outbox || !matchMutation({ mutationKey }, mutation)) return;
      if (!(event.action.error instanceof TRPCClientError) || event.action.error.data) return;
      const input = mutation.state.variables as Omit<NewOutboxItem, "userId" | "linkIds">;
      // Links a company alert asks for are made from its page once it exists.
      void import("./outbox").then((outbox) => outbox.enqueue({ ...input, userId, linkIds: [] })).catch(() => undefined);
    });
  }, [trpc, queryClient, userId]);
}

/**
 * In the header of every signed-in page: installs the offline service worker, sends what waits in
 * this device's outbox (at load, when the browser is back online, and every half minute), and
 * says how many of the user's notices wait ("1 waiting to send"), linking to the outbox.
 */
export function OutboxStatus({ userId }: { userId: string }) {
  const t = useTranslations("offline.client");
  const pathname = usePathname();
  const sender = useSender();
  const [count, setCount] = useState(0);
  useQueueUnanswered(userId);

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
    let stopped = false;
    let stop = () => {};
    const cancel = whenIdle(() => {
      void import("./outbox").then((outbox) => {
        if (stopped) return;
        const refresh = () => void outbox.itemsOf(userId).then((items) => !stopped && setCount(items.length), () => undefined);
        const send = () => {
          if (navigator.onLine) void outbox.flush(userId, sender).catch(() => undefined);
        };
        const unsubscribe = outbox.onChange(refresh);
        const timer = window.setInterval(send, RETRY_MS);
        window.addEventListener("online", send);
        stop = () => {
          unsubscribe();
          window.clearInterval(timer);
          window.removeEventListener("online", send);
        };
        refresh();
        send();
      });
    });
    return () => {
      stopped = true;
      cancel();
      stop();
    };
  }, [userId, sender]);

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

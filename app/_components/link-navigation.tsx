"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

type NetworkInformation = { saveData?: boolean; effectiveType?: string };
const SLOW = new Set(["slow-2g", "2g", "3g"]);

/** Whether the browser says the link is slow or metered (Network Information API, where it exists). */
function slowConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  return Boolean(connection && (connection.saveData || SLOW.has(connection.effectiveType ?? "")));
}

/**
 * The address of an app page that `target` is a link to, or null for what the browser should do
 * itself: a download, another window or site, a jump within the page, the API (route handlers,
 * never pages: app/api).
 */
function pageAddress(target: EventTarget | null): URL | null {
  const anchor = target instanceof Element ? target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return null;
  if (anchor.target && anchor.target !== "_self") return null;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return null;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return null;
  return url;
}

/**
 * Client-side navigation for every link of the app, by one listener per event instead of a
 * component per link (what next/link does, at ~3.5 KB of scripts on every page). A click follows
 * the link as next/link would (unless modified, or already handled by the link's own handler);
 * pointer over it, focus or touch prefetches it once, as next/link's default prefetch would, but
 * only on that intent and never when the browser reports a slow or save-data connection.
 * Without JavaScript the links are the browser's own.
 */
export function LinkNavigation() {
  const router = useRouter();
  useEffect(() => {
    const prefetched = new Set<string>();
    const onIntent = (event: Event) => {
      const url = pageAddress(event.target);
      if (!url || slowConnection()) return;
      const address = url.pathname + url.search;
      if (prefetched.has(address) || address === location.pathname + location.search) return;
      prefetched.add(address);
      router.prefetch(address);
    };
    const onClick = (event: MouseEvent) => {
      // Listening on window, after React's handlers on the document: a link's own handler that
      // prevented the default (the feed's "show" refreshes in place) has the last word.
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const url = pageAddress(event.target);
      if (!url) return;
      event.preventDefault();
      const anchor = (event.target as Element).closest("a")!;
      const address = url.pathname + url.search + url.hash;
      if (anchor.hasAttribute("data-replace")) router.replace(address);
      else router.push(address);
    };
    const intents = ["mouseover", "focusin", "touchstart"] as const;
    for (const type of intents) window.addEventListener(type, onIntent, { passive: true });
    window.addEventListener("click", onClick);
    return () => {
      for (const type of intents) window.removeEventListener(type, onIntent);
      window.removeEventListener("click", onClick);
    };
  }, [router]);
  return null;
}

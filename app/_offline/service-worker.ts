/// <reference lib="webworker" />
import { CacheFirst, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist, type SerwistPlugin } from "serwist";
import { mayKeepPage, OFFLINE_PAGE, PAGES_CACHE } from "./kept-pages";

// Bundled into public/sw.js by scripts/build-service-worker.ts, which defines BUILD_ID.
declare const self: ServiceWorkerGlobalScope;
declare const BUILD_ID: string;

/**
 * A page is kept only when the server allows it (proxy.ts answers `no-store` for every page that
 * can show a notice, whatever its marking) and it is the page asked for: a redirect (to the
 * sign-in page, once the session has ended) is not kept under another page's address.
 */
function storable(response: Response): boolean {
  return response.ok && !response.redirected && !/no-store/i.test(response.headers.get("cache-control") ?? "");
}

const onlyStorable: SerwistPlugin = { cacheWillUpdate: async ({ response }) => (storable(response) ? response : null) };

// A navigation carries no RSC headers: what is kept under an address is always its HTML.
const matchOptions = { ignoreVary: true };

const serwist = new Serwist({
  precacheEntries: [{ url: OFFLINE_PAGE, revision: BUILD_ID }],
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && mayKeepPage(url.pathname),
      // The network first, always: the device's copy is only for when there is no answer.
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        networkTimeoutSeconds: 15,
        matchOptions,
        plugins: [onlyStorable, new ExpirationPlugin({ maxEntries: 40 })],
      }),
    },
    {
      // Every other page goes to the network and is never kept; offline, the fallback page answers.
      matcher: ({ request }) => request.mode === "navigate",
      handler: new NetworkOnly(),
    },
    {
      // Named by their content hash: a file under one name never changes.
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "tianshan-static", plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 })] }),
    },
  ],
  fallbacks: { entries: [{ url: OFFLINE_PAGE, matcher: ({ request }) => request.mode === "navigate" }] },
});

/**
 * A page asks to keep a copy of itself (it was reached by a client-side navigation, which the
 * worker does not see as a page load), under the same rules as a page load.
 */
async function keep(address: string): Promise<void> {
  const url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin || !mayKeepPage(url.pathname)) return;
  const cache = await caches.open(PAGES_CACHE);
  if (await cache.match(url.href, matchOptions)) return;
  const response = await fetch(url.href, { credentials: "same-origin" });
  if (storable(response)) await cache.put(url.href, response);
}

self.addEventListener("message", (event) => {
  const data = event.data as { type?: string; url?: string } | null;
  if (data?.type === "keep" && typeof data.url === "string") event.waitUntil(keep(data.url).catch(() => undefined));
});

serwist.addEventListeners();

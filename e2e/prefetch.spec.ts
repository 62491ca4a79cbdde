import type { Page, Request } from "@playwright/test";
import { apiSignIn, expect, test } from "./support/fixtures";

// Next's <Link> prefetched every link in the viewport: 22 requests on the first load of /feed,
// competing with the page itself on a border post's link. The app's Link prefetches on intent
// only, and not at all when the browser reports a slow or save-data connection (issue 14).

const isPrefetch = (request: Request) => {
  const headers = request.headers();
  return "next-router-prefetch" in headers || "next-router-segment-prefetch" in headers;
};

/** Every prefetch the page sends from now on. */
function countPrefetches(page: Page) {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (isPrefetch(request)) seen.push(request.url());
  });
  return seen;
}

async function feedOf(page: Page) {
  await apiSignIn(page.request, "kz.officer@example.org", "precursor-demo-2026");
  const prefetches = countPrefetches(page);
  await page.goto("/feed");
  await expect(page.getByTestId("notice-line").first()).toBeVisible();
  // Hydrated: from here on, links in view would have started their prefetches.
  await page.waitForFunction(() => Object.keys(document.querySelector("[data-testid=notice-line] a")!).some((k) => k.startsWith("__reactFiber$")));
  await page.waitForTimeout(1_500);
  return prefetches;
}

test("the feed prefetches nothing on load, and a link when the pointer rests on it", async ({ page }) => {
  const prefetches = await feedOf(page);
  expect(prefetches).toEqual([]);
  await page.getByTestId("notice-line").first().getByRole("link").hover();
  await expect.poll(() => prefetches.length).toBeGreaterThan(0);
});

test("on a slow connection even a link under the pointer is not prefetched", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  // 3G figures: the browser reports effectiveType "3g" or slower.
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 });
  const prefetches = await feedOf(page);
  expect(await page.evaluate(() => (navigator as Navigator & { connection?: { effectiveType: string } }).connection?.effectiveType)).toMatch(
    /^(slow-2g|2g|3g)$/,
  );
  await page.getByTestId("notice-line").first().getByRole("link").hover();
  await page.waitForTimeout(1_500);
  expect(prefetches).toEqual([]);
});

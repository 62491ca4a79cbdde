import { randomBytes } from "node:crypto";
import os from "node:os";
import type postgres from "postgres";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { ZFeedInput } from "~/schemas/notices";
import { freePort } from "~/scripts/lib/free-port";
import type { Viewer } from "~/server/auth/sessions";
import { listFeed } from "~/server/services/notices/feed";
import { signIn, startApp, trpcUrl, type RunningApp } from "../lib/app";
import { cpuPerRequest } from "../lib/cpu";
import { merged } from "../lib/load";
import { documentSize, pagePairs, pageProblem, pageScenarios, type DocumentSize, type PageScenario } from "../lib/pages";
import { measurePairs, type Measured, type Pair } from "../lib/rounds";
import { log, seconds, settings, type Scenario } from "./settings";

// The feed benchmark over HTTP: the built app as `npm start` serves it, with one worker process and
// then with one per core.

/** Something to undo when the benchmark ends, however it ends. */
type OnCleanup = (stop: () => Promise<unknown>) => void;

/** Checks that a scenario answers with a page before loading it, so a broken one is reported, not timed. */
async function probe(url: string, cookie: string): Promise<string | null> {
  const response = await fetch(url, { headers: { cookie } });
  const body = (await response.json().catch(() => null)) as { result?: { data?: { json?: { items?: unknown[] } } } } | null;
  const items = body?.result?.data?.json?.items;
  if (response.status !== 200 || !Array.isArray(items)) return `answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`;
  return items.length ? null : "answered an empty page";
}

const loadSettings = () => ({ connections: settings.connections, seconds: settings.seconds, warmup: settings.warmup });

/** The API scenarios, each beside the framework's floor: `health.ping` without the session cookie touches no database. */
async function measureApi(app: RunningApp, cookie: string, list: Scenario[], raw: postgres.Sql) {
  const health = { url: trpcUrl(app.base, "health.ping") };
  const failed = new Map<string, string>();
  const pairs: Pair[] = [];
  for (const scenario of list) {
    const url = trpcUrl(app.base, scenario.procedure, scenario.input);
    const problem = await probe(url, cookie);
    if (problem) {
      failed.set(scenario.name, problem);
      log(`  ${scenario.name}: ${problem}`);
    } else {
      pairs.push({ name: scenario.name, subject: { url, cookie }, reference: health });
    }
  }
  const { results, referenceRounds } = await measurePairs({ pairs, pid: app.pid, raw, settings: loadSettings(), log });
  return { health: merged(referenceRounds.map((r) => r.run)), healthCpu: cpuPerRequest(referenceRounds), results, failed };
}

/** The HTML pages, each beside the API call of its data, with the size of its document. */
async function measurePages(app: RunningApp, cookie: string, pages: PageScenario[], raw: postgres.Sql) {
  const sizes = new Map<string, DocumentSize>();
  const failed = new Map<string, string>();
  const ready: PageScenario[] = [];
  for (const page of pages) {
    const size = await documentSize(`${app.base}${page.path}`, cookie);
    const problem = pageProblem(size, SIGNED_IN_MARK) ?? (await probeData(app, cookie, page));
    if (problem) {
      failed.set(page.name, problem);
      log(`  ${page.name}: ${problem}`);
    } else {
      sizes.set(page.name, size);
      ready.push(page);
    }
  }
  const { results } = await measurePairs({ pairs: pagePairs(app.base, cookie, ready), pid: app.pid, raw, settings: loadSettings(), log });
  return { results, sizes, failed };
}

async function probeData(app: RunningApp, cookie: string, page: PageScenario): Promise<string | null> {
  const response = await fetch(trpcUrl(app.base, page.data.procedure, page.data.input), { headers: { cookie } });
  return response.status === 200 ? null : `its data's call ${page.data.procedure} answered ${response.status}`;
}

// Any page of the signed-in reader carries the sign-out form; the sign-in page does not.
const SIGNED_IN_MARK = 'action="/signout"';

export type Http = {
  api: Awaited<ReturnType<typeof measureApi>>;
  pages: Awaited<ReturnType<typeof measurePages>>;
  /** The name of the feed's first page among the pages. */
  feedPage: string;
  allCores: { workers: number; results: Map<string, Measured> };
};

/** The built app as `npm start` serves it, with `workers` processes, and the benchmark's user signed in. */
async function serve(databaseUrl: string, workers: number, onCleanup: OnCleanup) {
  const t0 = performance.now();
  // One user at full speed is what the per-user request budget exists to stop: lifted here, so
  // that the benchmark measures the work (the budget's statement is still run on every request).
  const app = await startApp({
    port: await freePort(),
    databaseUrl,
    authSecret: randomBytes(32).toString("base64url"),
    timeoutMs: 60_000,
    env: { REQUEST_BUDGET_PER_SECOND: "1000000", WEB_CONCURRENCY: String(workers) },
  });
  onCleanup(app.stop);
  const cookie = await signIn(app.base, settings.user, DEMO_PASSWORD);
  log(`Serving at ${app.base} with ${workers} worker process${workers > 1 ? "es" : ""} (ready in ${seconds(t0)} s).`);
  return { app, cookie };
}

/**
 * Over HTTP: the API scenarios and the pages against one worker process (whose CPU per request
 * says what each costs), then the first page, as API and as page, with one worker per core.
 */
export async function measureServers(databaseUrl: string, viewer: Viewer, list: Scenario[], raw: postgres.Sql, onCleanup: OnCleanup): Promise<Http> {
  const newest = (await listFeed({ viewer, input: ZFeedInput.parse({}) })).items[0];
  if (!newest) throw new Error(`${settings.user} reads no notice: the page scenarios need one`);
  const pages = pageScenarios({ noticeId: newest.id, crossingId: "torugart", search: settings.searches.at(-1)! });

  log(`\nSigning in as ${settings.user}…`);
  const one = await serve(databaseUrl, 1, onCleanup);
  log("The API, each scenario beside health.ping:");
  const api = await measureApi(one.app, one.cookie, list, raw);
  log("The pages, each beside its data's API call:");
  const pageResults = await measurePages(one.app, one.cookie, pages, raw);
  await one.app.stop();

  const workers = os.availableParallelism();
  const all = await serve(databaseUrl, workers, onCleanup);
  const health = { url: trpcUrl(all.app.base, "health.ping") };
  const [firstPage, firstPageHtml] = pagePairs(all.app.base, all.cookie, pages);
  const pairs: Pair[] = [
    { name: list[0]!.name, subject: firstPage!.reference, reference: health },
    { ...firstPageHtml!, name: pages[0]!.name },
  ];
  log("All workers:");
  const allCores = await measurePairs({ pairs, pid: all.app.pid, raw, settings: loadSettings(), log });
  await all.app.stop();
  return { api, pages: pageResults, feedPage: pages[0]!.name, allCores: { workers, results: allCores.results } };
}

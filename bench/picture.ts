import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { SQL } from "drizzle-orm";
import { dialect } from "~/db/dialect";
import { SESSION_SETTINGS } from "~/db/index";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { asUser } from "~/db/seed/notices";
import type { TrendFilters } from "~/schemas/picture";
import { freePort } from "~/scripts/lib/free-port";
import type { Viewer } from "~/server/auth/sessions";
import { crossingCounts, crossingCountsQuery } from "~/server/services/picture/crossing-counts";
import { trends, trendsQuery } from "~/server/services/picture/trends";
import { signIn, startApp, trpcUrl } from "./lib/app";
import { explainSummary } from "./lib/explain";
import { httpLoad, loopLoad, type Stats } from "./lib/load";
import { generatedDatabase, runBenchmark, type Cleanups } from "./lib/run";
import { formatTable, ms, type TableRow } from "./lib/table";
import { log, settings } from "./feed/settings";

// `npm run bench:picture`: the regional picture's aggregates (the map's counts per crossing, the
// trends) over generated notices, as an analyst and as a UNODC coordinator (who reads nearly
// every notice, the largest visible set), each beside the same SQL sent straight through
// postgres.js (the database's floor), with EXPLAIN. Target: p95 ≤ 300 ms (issue 18).
// Settings as bench:feed's (bench/README.md), plus BENCH_PICTURE_CONNECTIONS (default 4): these
// are pages a few chiefs and coordinators open, not the feed every officer reloads.

const CONNECTIONS = Number(process.env.BENCH_PICTURE_CONNECTIONS ?? 4);
const TARGET_P95_MS = 300;
const VIEWERS = ["kz.officer@example.org", "unodc.coordinator@example.org"];

type Scenario = { name: string; procedure: string; input: unknown; call: () => Promise<unknown>; query: { sql: string; params: unknown[] } };

/** The last twelve calendar months, this one included: the pages' default period (whole months). */
function lastYear(): { from: string; to: string } {
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1));
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

function scenarios(viewer: Viewer): Scenario[] {
  const year = lastYear();
  const map = (name: string, input: { from?: string; to?: string }): Scenario => ({
    name: `map counts, ${name}`,
    procedure: "picture.crossingCounts",
    input,
    call: () => crossingCounts({ viewer, input }),
    query: dialect.sqlToQuery(crossingCountsQuery(viewer, input)),
  });
  const trend = (name: string, filters: Partial<TrendFilters>): Scenario => ({
    name: `trends, ${name}`,
    procedure: "picture.trends",
    input: { filters },
    call: () => trends({ viewer, input: { filters } }),
    query: dialect.sqlToQuery(trendsQuery(viewer, filters) as SQL),
  });
  return [
    map("last 12 months", year),
    map("all time", {}),
    trend("region, last 12 months", year),
    trend("Torugart, last 12 months", { ...year, crossingId: "torugart" }),
    trend("acetic anhydride, last 12 months", { ...year, substanceId: "acetic-anhydride" }),
    trend("Kazakhstan, last 12 months", { ...year, countryCode: "KZ" }),
    trend("Kyrgyz customs, last 12 months", { ...year, agencyId: "kg-customs" }),
    trend("region, all time", {}),
  ];
}

const load = (run: () => Promise<unknown>) => loopLoad(run, { concurrency: CONNECTIONS, seconds: settings.seconds });
const warm = (run: () => Promise<unknown>) => loopLoad(run, { concurrency: CONNECTIONS, seconds: settings.warmup });

/** Over HTTP as the first viewer (no second factor to pass): the tRPC call a page makes, through the built app. */
async function measureHttp(url: string, list: Scenario[], cleanups: Cleanups): Promise<Map<string, Stats>> {
  const port = await freePort();
  const app = await startApp({
    port,
    databaseUrl: url,
    authSecret: randomBytes(32).toString("base64url"),
    timeoutMs: 60_000,
    env: { REQUEST_BUDGET_PER_SECOND: "1000000" },
  });
  cleanups.push(app.stop);
  const cookie = await signIn(app.base, VIEWERS[0]!, DEMO_PASSWORD);
  const results = new Map<string, Stats>();
  for (const s of list) {
    const target = { url: trpcUrl(app.base, s.procedure, s.input), cookie, connections: CONNECTIONS };
    await httpLoad({ ...target, seconds: settings.warmup });
    results.set(s.name, await httpLoad({ ...target, seconds: settings.seconds }));
    log(`  ${s.name} (HTTP): p95 ${ms(results.get(s.name)!.p95)} ms`);
  }
  await app.stop();
  return results;
}

async function main(cleanups: Cleanups) {
  if (!settings.skipHttp && !existsSync(".next/BUILD_ID")) throw new Error("No build found: run `npm run build` first, or set BENCH_SKIP_HTTP=1.");
  log(`Tianshan regional picture benchmark — ${CONNECTIONS} concurrent calls, ${settings.seconds} s per scenario`);
  const generated = await generatedDatabase(settings.notices, cleanups, log);
  const raw = postgres(generated.url, { max: CONNECTIONS, onnotice: () => {}, connection: SESSION_SETTINGS });
  cleanups.push(() => raw.end());

  const rows: TableRow[] = [];
  const explains: string[] = [];
  for (const email of VIEWERS) {
    await asUser(email, async (viewer) => {
      const list = scenarios(viewer);
      const http = !settings.skipHttp && email === VIEWERS[0] ? await measureHttp(generated.url, list, cleanups) : null;
      for (const s of list) {
        const floor = () => raw.unsafe(s.query.sql, s.query.params as postgres.ParameterOrJSON<never>[]).values();
        await warm(s.call);
        const service = await load(s.call);
        await warm(floor);
        const sql = await load(floor);
        const over = http?.get(s.name);
        const met = (over ?? service).p95 <= TARGET_P95_MS ? "met" : "NOT met";
        rows.push({ cells: [`${s.name} (${viewer.role})`, ms(over?.p95), ms(service.p50), ms(service.p95), ms(sql.p50), ms(sql.p95), met] });
        log(`  ${s.name} as ${viewer.role}: service p95 ${ms(service.p95)} ms, SQL p95 ${ms(sql.p95)} ms`);
        // A statement over the server's timeout is reported, not fatal: the table of every scenario still prints.
        const explain = await explainSummary(raw, s.query).catch((error: Error) => [`    EXPLAIN failed: ${error.message}`]);
        explains.push(`  ${s.name} (${viewer.role})`, ...explain);
      }
    });
  }
  log(`\nResults at ${CONNECTIONS} concurrent calls, ${generated.counts.notices!.toLocaleString("en")} notices (target p95 ≤ ${TARGET_P95_MS} ms):\n`);
  const header = ["scenario (viewer)", "HTTP p95", "service p50", "service p95", "SQL p50", "SQL p95", "target"];
  for (const line of formatTable(header, rows)) log(line);
  log("\nservice: the procedure's service called in-process (its statements, no HTTP); SQL: the same statement straight through postgres.js.");
  log(`\nEXPLAIN (ANALYZE, BUFFERS) at ${generated.counts.notices!.toLocaleString("en")} notices, visibility predicate included:`);
  for (const line of explains) log(line);
}

await runBenchmark(settings.timeoutMinutes, main);

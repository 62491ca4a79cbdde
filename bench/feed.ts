import { existsSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { dialect } from "~/db/dialect";
import { db, SESSION_SETTINGS } from "~/db/index";
import { asUser } from "~/db/seed/notices";
import { ZFeedInput, ZSearchInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { feedQuery, isValueIndependent, listFeed, type FeedInput } from "~/server/services/notices/feed";
import { searchFacetsQuery, searchPageQuery } from "~/server/services/notices/search";
import { cpuPerRequest } from "./lib/cpu";
import { explainSummary } from "./lib/explain";
import { loopLoad, type Stats } from "./lib/load";
import { withCpu, type Cpu } from "./lib/rounds";
import { measureServers, type Http } from "./feed/http";
import { printAllCores, printApiTable, printPages, printTargets, type Row } from "./feed/report";
import { log, settings, type Scenario } from "./feed/settings";
import { generatedDatabase, runBenchmark, type Cleanups } from "./lib/run";

// `npm run bench:feed`: a throw-away database with a million notices, the built app as `npm start` serves it
// (scripts/serve.ts), and the feed and search measured over HTTP against two floors — the framework's
// (a procedure without database) and the database's (the same SQL straight through postgres.js).
// See bench/README.md for the settings.

// How far in the deep-page scenario starts: 50 pages of 100.
const DEEP_PAGES = 50;
const DEEP_PAGE_SIZE = 100;

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

/**
 * A generated plate as an officer may type it: spaced, with Cyrillic letters for their Latin
 * look-alikes. Taken from a notice every member may read, so that the search finds it (a plate
 * of an AMBER notice of another agency answered an empty page, as it must).
 */
async function lookalikePlate(): Promise<string> {
  const [row] = await db.execute<{ plate: string }>(sql`
    SELECT d.conveyance_ids[1] AS plate FROM seizure_details d JOIN notices n ON n.id = d.notice_id
    WHERE d.conveyance_ids[1] ~ '^[0-9]{3}[ABEKMHOPCTX]{2}[0-9]{2}$' AND n.status = 'published' AND n.tlp IN ('clear', 'green') LIMIT 1`);
  const plate = row?.plate ?? "777KA01";
  const cyrillic = (letters: string) => [...letters].map((c) => "АВЕКМНОРСТХ"["ABEKMHOPCTX".indexOf(c)] ?? c).join("");
  return `${plate.slice(0, 3)} ${cyrillic(plate.slice(3, 5))} ${plate.slice(5)}`;
}

async function scenarios(viewer: Viewer, deep: string | undefined, deepRows: number): Promise<Scenario[]> {
  const feed = (name: string, raw: unknown): Scenario => {
    const input = ZFeedInput.parse(raw);
    return { name, procedure: "notices.feed", input, query: feedQuery(viewer, input).toSQL(), prepared: isValueIndependent(input) };
  };
  const searches = await Promise.all(
    [...settings.searches, await lookalikePlate()].map(async (q): Promise<Scenario> => {
      const input = ZSearchInput.parse({ q });
      // The floor is the page's query (a search of names only is the feed's, with their filters);
      // the service also recognises names, looks up spellings and counts the facets around it.
      const { query, prepared } = await searchPageQuery(viewer, input);
      const facets = dialect.sqlToQuery(await searchFacetsQuery(viewer, input));
      return { name: `search "${q}"`, procedure: "notices.search", input, query: query.toSQL(), prepared, facets };
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

async function measureSql(raw: postgres.Sql, list: Scenario[]) {
  const results = new Map<string, { stats: Stats; cpu: Cpu }>();
  for (const scenario of list) {
    // As the app sends it: the same text and parameters, prepared or not as the app's, rows as arrays.
    // A search's floor is both its statements: the page, then the count and facets.
    const { query, facets } = scenario;
    const run = async () => {
      await raw.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: scenario.prepared }).values();
      if (facets) await raw.unsafe(facets.sql, facets.params as postgres.ParameterOrJSON<never>[]).values();
    };
    await loopLoad(run, { concurrency: settings.connections, seconds: settings.warmup });
    const measured = await withCpu(raw, null, () => loopLoad(run, { concurrency: settings.connections, seconds: settings.seconds }));
    results.set(scenario.name, { stats: measured.run, cpu: cpuPerRequest([measured]) });
    log(`  ${scenario.name}: ${measured.run.rps.toFixed(0)} queries/s`);
  }
  return results;
}

async function main(cleanups: Cleanups) {
  const built = existsSync(".next/BUILD_ID");
  if (!settings.skipHttp && !built) {
    throw new Error("No build found (.next/BUILD_ID is missing): run `npm run build` first, or set BENCH_SKIP_HTTP=1 to measure without the app.");
  }
  log(`Tianshan feed benchmark — ${os.cpus().length} cores, Node ${process.version}, ${settings.connections} connections, ${settings.seconds} s per scenario`);

  const generated = await generatedDatabase(settings.notices, cleanups, log);

  const viewer = await asUser(settings.user, async (v) => v);
  const deep = await deepCursor(viewer);
  const list = await scenarios(viewer, deep.cursor, deep.rows);
  // Set up as the app's own connections are (statement timeout, no JIT).
  const raw = postgres(generated.url, { max: settings.connections, onnotice: () => {}, connection: SESSION_SETTINGS });
  cleanups.push(() => raw.end());

  let http: Http | null = null;
  if (!settings.skipHttp) http = await measureServers(generated.url, viewer, list, raw, (stop) => cleanups.push(stop));

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
      ? { name: "health.ping — framework floor (HTTP), all rounds", stats: http.api.health, cpu: http.api.healthCpu }
      : { name: "health.ping (HTTP)", note: "not measured (BENCH_SKIP_HTTP=1)" },
  );
  for (const scenario of list) {
    const result = http?.api.results.get(scenario.name);
    const sqlResult = sqlStats.get(scenario.name)!;
    if (result) {
      rows.push({
        name: `${scenario.name} (HTTP)`,
        stats: result.stats,
        cpu: result.cpu,
        vsHealth: result.stats.rps / result.reference.rps,
        vsSql: result.stats.rps / sqlResult.stats.rps,
        bytes: true,
      });
    } else {
      const failure = http?.api.failed.get(scenario.name);
      rows.push({ name: `${scenario.name} (HTTP)`, note: failure ? `failed: ${failure}` : "not measured (BENCH_SKIP_HTTP=1)" });
    }
    rows.push({ name: `  same SQL — database floor`, ...sqlResult });
  }
  rows.push({ name: "feed, first page — service in-process", stats: service.run, cpu: cpuPerRequest([service]) });

  log(
    `\nResults at ${settings.connections} connections, ${settings.seconds} s each, ${generated.counts.notices!.toLocaleString("en")} notices, as ${settings.user}:\n`,
  );
  printApiTable(rows);
  log(
    "\nCPU: ms of CPU time per request, of the Node process that served it (next-server over HTTP, this process for the SQL\n" +
      "and in-process rows) and of PostgreSQL's backends (read from /proc: only when PostgreSQL runs on this machine).\n" +
      "KB: mean response as sent, headers included, compressed as for a browser (Accept-Encoding: br).",
  );
  if (http) {
    printPages(http.pages);
    printAllCores(http);
  }
  printTargets(list, http);

  log(`\nEXPLAIN (ANALYZE, BUFFERS) at ${generated.counts.notices!.toLocaleString("en")} notices, visibility predicate included (as ${settings.user}):`);
  for (const scenario of list) {
    log(`  ${scenario.name}`);
    for (const line of await explainSummary(raw, scenario.query)) log(line);
    if (!scenario.facets) continue;
    log(`  ${scenario.name}: its count and facets`);
    for (const line of await explainSummary(raw, scenario.facets)) log(line);
  }
}

await runBenchmark(settings.timeoutMinutes, main);

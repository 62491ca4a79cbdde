import os from "node:os";
import type { Stats } from "../lib/load";
import type { Cpu } from "../lib/rounds";
import { cpuMs, formatTable, kb, ms, ratio, type TableRow } from "../lib/table";
import type { Http } from "./http";
import { log, type Scenario } from "./settings";

// The feed benchmark's tables and its targets, marked met or not.

export type Row = { name: string; stats?: Stats; cpu?: Cpu; note?: string; vsHealth?: number; vsSql?: number; bytes?: boolean };

export function printApiTable(rows: Row[]) {
  const header = ["scenario", "p50 ms", "p95 ms", "req/s", "÷ health", "HTTP ÷ SQL", "Node CPU", "PG CPU", "KB", "errors"];
  const table = rows.map((r): TableRow =>
    r.stats
      ? {
          cells: [
            r.name,
            ms(r.stats.p50),
            ms(r.stats.p95),
            r.stats.rps.toFixed(0),
            ratio(r.vsHealth),
            ratio(r.vsSql),
            cpuMs(r.cpu?.node),
            cpuMs(r.cpu?.database),
            r.bytes ? kb(r.stats.bytes) : "",
            String(r.stats.errors),
          ],
        }
      : { name: r.name, note: r.note ?? "" },
  );
  for (const line of formatTable(header, table)) log(line);
}

const TARGETS = { feedP95: 50, searchP95: 150, pageP95: 100, pageVsData: 0.5, feedHtmlKb: 60, allCoresShare: 0.8 };

export function printPages(pages: Http["pages"]) {
  log("\nThe pages people load, one worker, each beside the API call of its data (measured in alternating rounds):\n");
  const header = ["page", "p50 ms", "p95 ms", "req/s", "÷ data API", "data API req/s", "HTML KB", "sent KB", "Node CPU", "PG CPU", "errors"];
  const rows = [...pages.results.entries()].map(([name, m]): TableRow => {
    const size = pages.sizes.get(name)!;
    return {
      cells: [
        name,
        ms(m.stats.p50),
        ms(m.stats.p95),
        m.stats.rps.toFixed(0),
        ratio(m.stats.rps / m.reference.rps),
        m.reference.rps.toFixed(0),
        kb(size.html),
        kb(m.stats.bytes),
        cpuMs(m.cpu.node),
        cpuMs(m.cpu.database),
        String(m.stats.errors),
      ],
    };
  });
  for (const [name, problem] of pages.failed) rows.push({ name, note: `failed: ${problem}` });
  for (const line of formatTable(header, rows)) log(line);
  log("HTML KB: the document's HTML as the server renders it; sent KB: what crosses the wire, headers included (brotli).");
}

/** The machine's ceiling for a request: every core busy with the serving processes' work per request. */
const ceiling = (cores: number, cpu: Cpu, withOwn = false) =>
  cpu.node === null || cpu.database === null || cpu.own === null ? null : (cores * 1000) / (cpu.node + cpu.database + (withOwn ? cpu.own : 0));

function allCoresShare(http: Http, name: string) {
  const m = http.allCores.results.get(name);
  if (!m) return null;
  const cores = os.availableParallelism();
  const top = ceiling(cores, m.cpu);
  const topWithLoad = ceiling(cores, m.cpu, true);
  return { m, top, topWithLoad, share: top === null ? null : m.stats.rps / top, shareWithLoad: topWithLoad === null ? null : m.stats.rps / topWithLoad };
}

export function printAllCores(http: Http) {
  const { workers } = http.allCores;
  log(`\nAll cores: ${workers} worker processes behind one port (node:cluster), against one worker:\n`);
  const header = ["scenario", "workers", "p50 ms", "p95 ms", "req/s", "Node CPU", "PG CPU", "load CPU", "ceiling req/s", "÷ ceiling", "÷ ceiling w/ load"];
  const rows: TableRow[] = [];
  const one = (name: string) => http.api.results.get(name) ?? http.pages.results.get(name);
  for (const name of http.allCores.results.keys()) {
    const single = one(name);
    if (single)
      rows.push({
        cells: [
          name,
          "1",
          ms(single.stats.p50),
          ms(single.stats.p95),
          single.stats.rps.toFixed(0),
          cpuMs(single.cpu.node),
          cpuMs(single.cpu.database),
          cpuMs(single.cpu.own),
        ],
      });
    const all = allCoresShare(http, name)!;
    rows.push({
      cells: [
        name,
        String(workers),
        ms(all.m.stats.p50),
        ms(all.m.stats.p95),
        all.m.stats.rps.toFixed(0),
        cpuMs(all.m.cpu.node),
        cpuMs(all.m.cpu.database),
        cpuMs(all.m.cpu.own),
        all.top?.toFixed(0) ?? "—",
        ratio(all.share),
        ratio(all.shareWithLoad),
      ],
    });
  }
  for (const line of formatTable(header, rows)) log(line);
  log(
    "Node CPU: all the server's processes together (the primary that hands out connections and its workers). load CPU: this\n" +
      "process's, which runs the load generator on the same machine. ceiling: cores ÷ (Node CPU + PG CPU per request), what the\n" +
      "machine could serve if every core did nothing else; ÷ ceiling w/ load: the same with the load generator's CPU counted.",
  );
}

export function printTargets(list: Scenario[], http: Http | null) {
  log("\nTargets:");
  const verdict = (value: number | null, ok: (v: number) => boolean) => (value === null ? "not measured" : ok(value) ? "met" : "NOT MET");
  const worst = (values: (number | undefined)[], pick: (a: number, b: number) => number) =>
    values.length && values.every((v) => v !== undefined) ? (values as number[]).reduce((a, b) => pick(a, b)) : null;
  const apiStat = (procedure: Scenario["procedure"]) => list.filter((s) => s.procedure === procedure).map((s) => http?.api.results.get(s.name)?.stats.p95);
  const feedP95 = worst(apiStat("notices.feed"), Math.max);
  log(`  feed p95 ≤ ${TARGETS.feedP95} ms (worst of the feed scenarios): ${ms(feedP95)} ms — ${verdict(feedP95, (v) => v <= TARGETS.feedP95)}`);
  const searchP95 = worst(apiStat("notices.search"), Math.max);
  log(`  search p95 ≤ ${TARGETS.searchP95} ms (worst search): ${ms(searchP95)} ms — ${verdict(searchP95, (v) => v <= TARGETS.searchP95)}`);
  const pages = http ? [...http.pages.results.values()] : [];
  const pagesComplete = http !== null && http.pages.failed.size === 0;
  const pageP95 = pagesComplete
    ? worst(
        pages.map((m) => m.stats.p95),
        Math.max,
      )
    : null;
  log(`  page p95 ≤ ${TARGETS.pageP95} ms (worst page): ${ms(pageP95)} ms — ${verdict(pageP95, (v) => v <= TARGETS.pageP95)}`);
  const pageShare = pagesComplete
    ? worst(
        pages.map((m) => m.stats.rps / m.reference.rps),
        Math.min,
      )
    : null;
  log(
    `  page throughput ≥ ${ratio(TARGETS.pageVsData)} of its data's API call (worst page): ${ratio(pageShare) || "—"} — ${verdict(pageShare, (v) => v >= TARGETS.pageVsData)}`,
  );
  const feedHtml = http?.pages.sizes.get(http.feedPage)?.html;
  const feedHtmlKb = feedHtml === undefined ? null : feedHtml / 1024;
  log(`  first feed page ≤ ${TARGETS.feedHtmlKb} KB of HTML: ${kb(feedHtml) || "—"} KB — ${verdict(feedHtmlKb, (v) => v <= TARGETS.feedHtmlKb)}`);
  const all = http ? allCoresShare(http, list[0]!.name) : null;
  const share = all?.share ?? null;
  log(
    `  feed throughput with all workers ≥ ${ratio(TARGETS.allCoresShare)} of the CPU ceiling: ${ratio(share) || "—"} ` +
      `(${all?.m.stats.rps.toFixed(0) ?? "—"} of ${all?.top?.toFixed(0) ?? "—"} req/s; ${ratio(all?.shareWithLoad) || "—"} with the load generator's CPU counted) — ${verdict(share, (v) => v >= TARGETS.allCoresShare)}`,
  );
}

import type postgres from "postgres";
import { cpuPerRequest, cpuUsed, sampleCpu, type CpuUsed } from "./cpu";
import { httpLoad, merged, type Run } from "./load";

// The machines here are noisy: the same request may cost twice as much a minute later. A scenario
// is therefore measured in rounds, each right after a round of its reference (the framework's
// floor, or the API call of the page's data), and compared with the reference measured beside it
// rather than with one measured minutes before.
const ROUNDS = 2;

/** A URL to load, as a signed-in browser (`cookie`) or anonymously. */
export type Target = { url: string; cookie?: string };
export type Pair = { name: string; subject: Target; reference: Target };
export type Cpu = ReturnType<typeof cpuPerRequest>;
export type Round = { run: Run; cpu: CpuUsed; requests: number };
export type Measured = { stats: Run; cpu: Cpu; reference: Run; referenceCpu: Cpu };

/** Runs `load` and reads the CPU time that the Node process tree `nodePid` (null: this one) and the database spent on it. */
export async function withCpu(raw: postgres.Sql, nodePid: number | null, load: () => Promise<Run>): Promise<Round> {
  const before = await sampleCpu(raw, nodePid);
  const run = await load();
  return { run, cpu: cpuUsed(before, await sampleCpu(raw, nodePid)), requests: run.requests + run.errors };
}

export type LoadSettings = { connections: number; seconds: number; warmup: number };

/**
 * Measures each pair in alternating rounds (reference, subject) of `seconds / ROUNDS` each, against
 * the server process tree `pid`. Every URL is warmed first: the server's modules load and its code
 * is optimised during the first thousands of requests, which the first pair measured must not pay.
 * `log` reports each pair as it is measured.
 */
export async function measurePairs(options: {
  pairs: Pair[];
  pid: number | null;
  raw: postgres.Sql;
  settings: LoadSettings;
  log: (line: string) => void;
}): Promise<{ results: Map<string, Measured>; referenceRounds: Round[] }> {
  const { pairs, pid, raw, settings } = options;
  const load = (target: Target, seconds: number) => httpLoad({ ...target, connections: settings.connections, seconds });
  const warmed = new Set<string>();
  for (const target of pairs.flatMap((p) => [p.reference, p.subject])) {
    if (warmed.has(target.url)) continue;
    warmed.add(target.url);
    await load(target, settings.warmup);
  }
  const round = (target: Target) => withCpu(raw, pid, () => load(target, settings.seconds / ROUNDS));
  const results = new Map<string, Measured>();
  const referenceRounds: Round[] = [];
  for (const pair of pairs) {
    const runs: Round[] = [];
    const beside: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      beside.push(await round(pair.reference));
      runs.push(await round(pair.subject));
    }
    referenceRounds.push(...beside);
    const measured: Measured = {
      stats: merged(runs.map((r) => r.run)),
      cpu: cpuPerRequest(runs),
      reference: merged(beside.map((r) => r.run)),
      referenceCpu: cpuPerRequest(beside),
    };
    results.set(pair.name, measured);
    options.log(`  ${pair.name}: ${measured.stats.rps.toFixed(0)} req/s; beside it: ${measured.reference.rps.toFixed(0)} req/s`);
  }
  return { results, referenceRounds };
}

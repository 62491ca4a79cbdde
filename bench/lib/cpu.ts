import { readFileSync } from "node:fs";
import type postgres from "postgres";

// Throughput on these machines swings with their neighbours; the CPU time a request costs each
// process swings far less, and says which process limits the throughput.

// Linux counts a process's CPU time in ticks of USER_HZ, 100 per second on every architecture it
// runs on here.
const MS_PER_TICK = 10;

/**
 * CPU time (user + system) a local process has used so far, in ms; null where /proc cannot tell
 * (not Linux, no such process, or another process than `name` under that pid).
 */
export function processCpuMs(pid: number, name?: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The name in parentheses may contain spaces: fields are counted from its closing one.
  const close = stat.lastIndexOf(")");
  if (name !== undefined && stat.slice(stat.indexOf("(") + 1, close) !== name) return null;
  const fields = stat.slice(close + 2).split(" ");
  // utime and stime, fields 14 and 15 of proc_pid_stat(5): the 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** CPU time so far of one Node process and of the database's client backends, by pid. */
export type CpuSample = { node: number | null; backends: Map<number, number> };

/**
 * Samples `nodePid` (null: this process) and the backends serving `sql`'s database. The backends
 * are read from /proc, so only when PostgreSQL runs on this machine; elsewhere there are none.
 */
export async function sampleCpu(sql: postgres.Sql, nodePid: number | null): Promise<CpuSample> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`;
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid, "postgres");
    if (ms !== null) backends.set(pid, ms);
  }
  const own = process.cpuUsage();
  const node = nodePid === null ? (own.user + own.system) / 1000 : processCpuMs(nodePid);
  return { node, backends };
}

export type CpuUsed = { nodeMs: number | null; databaseMs: number | null };

/** What was used between two samples; a backend that started in between counts whole. */
export function cpuUsed(before: CpuSample, after: CpuSample): CpuUsed {
  let databaseMs = 0;
  for (const [pid, ms] of after.backends) databaseMs += ms - (before.backends.get(pid) ?? 0);
  return {
    nodeMs: before.node === null || after.node === null ? null : after.node - before.node,
    databaseMs: after.backends.size ? databaseMs : null,
  };
}

/** CPU per request over several measured runs together, in ms; null where it could not be read. */
export function cpuPerRequest(runs: { cpu: CpuUsed; requests: number }[]): { node: number | null; database: number | null } {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const total = (pick: (c: CpuUsed) => number | null) => {
    const values = runs.map((r) => pick(r.cpu));
    return values.some((v) => v === null) || requests === 0 ? null : (values as number[]).reduce((a, b) => a + b, 0) / requests;
  };
  return { node: total((c) => c.nodeMs), database: total((c) => c.databaseMs) };
}

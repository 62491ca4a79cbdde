import { readdirSync, readFileSync } from "node:fs";
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

/** The pids of a process's living children, from each of its threads' list in /proc. */
function childrenOf(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return threads.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/**
 * CPU time so far of a process and all its living descendants, in ms: a clustered app server is a
 * primary that hands out connections and the workers that serve them. Null if `pid` is gone.
 */
export function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  return childrenOf(pid).reduce((sum, child) => sum + (processTreeCpuMs(child) ?? 0), own);
}

/**
 * CPU time so far of one Node process (with its descendants), of the database's client backends,
 * by pid, and of this process — the load generator, when it is not the process measured.
 */
export type CpuSample = { node: number | null; backends: Map<number, number>; own: number };

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
  const usage = process.cpuUsage();
  const own = (usage.user + usage.system) / 1000;
  return { node: nodePid === null ? own : processTreeCpuMs(nodePid), backends, own };
}

/** `ownMs`: this process's, which is the load generator's when `node` is another process. */
export type CpuUsed = { nodeMs: number | null; databaseMs: number | null; ownMs: number };

/** What was used between two samples; a backend that started in between counts whole. */
export function cpuUsed(before: CpuSample, after: CpuSample): CpuUsed {
  let databaseMs = 0;
  for (const [pid, ms] of after.backends) databaseMs += ms - (before.backends.get(pid) ?? 0);
  return {
    nodeMs: before.node === null || after.node === null ? null : after.node - before.node,
    databaseMs: after.backends.size ? databaseMs : null,
    ownMs: after.own - before.own,
  };
}

/** CPU per request over several measured runs together, in ms; null where it could not be read. */
export function cpuPerRequest(runs: { cpu: CpuUsed; requests: number }[]): { node: number | null; database: number | null; own: number | null } {
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const total = (pick: (c: CpuUsed) => number | null) => {
    const values = runs.map((r) => pick(r.cpu));
    return values.some((v) => v === null) || requests === 0 ? null : (values as number[]).reduce((a, b) => a + b, 0) / requests;
  };
  return { node: total((c) => c.nodeMs), database: total((c) => c.databaseMs), own: total((c) => c.ownMs) };
}

import { spawn } from "node:child_process";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { cpuPerRequest, cpuUsed, processCpuMs, processTreeCpuMs, sampleCpu } from "~/bench/lib/cpu";

// The benchmark's CPU columns: read from /proc for a Node process and for the database's backends.
// The test databases run on this machine (embedded, or the server at 127.0.0.1), as in CI.

const sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

/** This process's CPU time so far, in ms, by its own account. */
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Works until this process has used `ms` more CPU time (not wall time: a busy machine may deschedule it). */
function spin(ms: number) {
  const until = ownCpuMs() + ms;
  while (ownCpuMs() < until);
}

describe("processCpuMs", () => {
  it("reads a process's CPU time as the process itself counts it", () => {
    const before = processCpuMs(process.pid);
    spin(200);
    const after = processCpuMs(process.pid);
    expect(before).not.toBeNull();
    // /proc counts in ticks of 10 ms.
    expect(after! - before!).toBeGreaterThanOrEqual(180);
    expect(Math.abs(after! - ownCpuMs())).toBeLessThanOrEqual(30);
  });

  it("is null for a pid whose process has another name, or that no process has", async () => {
    const child = spawn("sleep", ["5"]);
    try {
      expect(processCpuMs(child.pid!, "sleep")).not.toBeNull();
      expect(processCpuMs(child.pid!, "postgres")).toBeNull();
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.once("exit", resolve));
    expect(processCpuMs(child.pid!)).toBeNull();
  });
});

describe("processTreeCpuMs", () => {
  it("adds the CPU time of a process's children and grandchildren to its own", async () => {
    // A shell that starts a shell that burns CPU: the grandchild's time counts for the tree's root.
    // In a process group of its own, so that one signal stops all three.
    const child = spawn("sh", ["-c", "sh -c 'while :; do :; done' & wait"], { detached: true });
    try {
      const root = child.pid!;
      const deadline = Date.now() + 10_000;
      while ((processTreeCpuMs(root) ?? 0) - (processCpuMs(root) ?? 0) < 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(processTreeCpuMs(root)! - processCpuMs(root)!).toBeGreaterThanOrEqual(200);
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
    await new Promise((resolve) => child.once("exit", resolve));
    expect(processTreeCpuMs(child.pid!)).toBeNull();
  });
});

describe("sampleCpu and cpuUsed", () => {
  it("count the work of the database's backends and of the Node process", async () => {
    const before = await sampleCpu(sql, null);
    spin(100);
    await sql`SELECT count(*) FROM generate_series(1, 3000000)`;
    const used = cpuUsed(before, await sampleCpu(sql, null));
    expect(used.nodeMs).toBeGreaterThanOrEqual(60);
    expect(used.databaseMs).toBeGreaterThanOrEqual(50);
  });

  it("count a backend that started between the samples whole, and read no backend of another database", async () => {
    const before = await sampleCpu(sql, null);
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const admin = postgres(process.env.DATABASE_URL!.replace(/\/[^/]+$/, "/postgres"), { max: 1, onnotice: () => {} });
    try {
      const pid = (await other<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
      await other`SELECT count(*) FROM generate_series(1, 3000000)`;
      // Busy elsewhere: another database's backend is not this one's.
      await admin`SELECT count(*) FROM generate_series(1, 3000000)`;
      const after = await sampleCpu(sql, null);
      expect(before.backends.has(pid)).toBe(false);
      expect(after.backends.get(pid)).toBeGreaterThanOrEqual(50);
      const adminPid = (await admin<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
      expect(after.backends.has(adminPid)).toBe(false);
      expect(cpuUsed(before, after).databaseMs).toBeGreaterThanOrEqual(after.backends.get(pid)!);
    } finally {
      await other.end();
      await admin.end();
    }
  });

  it("say null where a process could not be read", () => {
    const readable = { node: 100, backends: new Map([[1, 10]]), own: 40 };
    expect(cpuUsed(readable, { node: null, backends: new Map(), own: 45 })).toEqual({ nodeMs: null, databaseMs: null, ownMs: 5 });
    expect(cpuUsed(readable, { node: 130, backends: new Map([[1, 25]]), own: 50 })).toEqual({ nodeMs: 30, databaseMs: 15, ownMs: 10 });
  });
});

describe("cpuPerRequest", () => {
  it("divides the CPU time of several runs by their requests together", () => {
    const per = cpuPerRequest([
      { cpu: { nodeMs: 300, databaseMs: 100, ownMs: 40 }, requests: 100 },
      { cpu: { nodeMs: 500, databaseMs: 300, ownMs: 160 }, requests: 300 },
    ]);
    expect(per).toEqual({ node: 2, database: 1, own: 0.5 });
  });

  it("is null for a process unread in any run, or without requests", () => {
    expect(
      cpuPerRequest([
        { cpu: { nodeMs: 300, databaseMs: null, ownMs: 0 }, requests: 100 },
        { cpu: { nodeMs: 100, databaseMs: 50, ownMs: 0 }, requests: 100 },
      ]),
    ).toEqual({ node: 2, database: null, own: 0 });
    expect(cpuPerRequest([{ cpu: { nodeMs: 0, databaseMs: 0, ownMs: 0 }, requests: 0 }])).toEqual({ node: null, database: null, own: null });
  });
});

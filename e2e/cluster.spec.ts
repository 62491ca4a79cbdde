import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { signIn, startApp, type RunningApp } from "~/bench/lib/app";
import { processCpuMs } from "~/bench/lib/cpu";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { freePort } from "~/scripts/lib/free-port";
import { expect, test } from "./support/fixtures";
import { databaseUrlFile } from "./support/state";

// The production server on every core: WEB_CONCURRENCY worker processes sharing one port under a
// primary that keeps them running (scripts/serve.ts). Nothing a request needs lives in a worker,
// so any of them answers any request.

/** The pids of a process's children, from /proc (their parent is field 4 of proc_pid_stat(5)). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number)
    .sort((a, b) => a - b);
}

/** A GET on a connection of its own, so that the primary deals each request to the next worker. */
function getOnNewConnection(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    }).once("error", reject);
  });
}

async function statuses(urls: string[], cookie?: string, concurrency = 8): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < urls.length; i += concurrency) {
    results.push(...(await Promise.all(urls.slice(i, i + concurrency).map((url) => getOnNewConnection(url, cookie)))));
  }
  return results;
}

test.describe("one instance on two worker processes (WEB_CONCURRENCY=2)", () => {
  let app: RunningApp;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    app = await startApp({
      port,
      databaseUrl: readFileSync(databaseUrlFile(), "utf8"),
      authSecret: randomBytes(32).toString("base64url"),
      timeoutMs: 90_000,
      env: { WEB_CONCURRENCY: "2" },
    });
  });
  test.afterAll(async () => app?.stop());

  test("both workers serve, a session works on either, and a worker that dies is replaced while the other carries on", async () => {
    test.setTimeout(90_000);
    const primary = app.pid!;
    await expect.poll(() => childrenOf(primary).length, { timeout: 30_000 }).toBe(2);
    const workers = childrenOf(primary);
    const ping = `${app.base}/api/trpc/health.ping`;

    await test.step("each worker takes its share of new connections", async () => {
      const before = workers.map((pid) => processCpuMs(pid)!);
      expect(new Set(await statuses(Array.from({ length: 160 }, () => ping)))).toEqual(new Set([200]));
      workers.forEach((pid, index) => expect(processCpuMs(pid)! - before[index]!, `CPU time of worker ${pid}`).toBeGreaterThan(0));
    });

    await test.step("a session made through one worker is recognised by both", async () => {
      // The session row is in PostgreSQL, not in a worker.
      const cookie = await signIn(app.base, "tj.chief@example.org", DEMO_PASSWORD);
      expect(
        new Set(
          await statuses(
            Array.from({ length: 12 }, () => `${app.base}/api/trpc/viewer.me`),
            cookie,
          ),
        ),
      ).toEqual(new Set([200]));
    });

    await test.step("a worker killed outright: the other serves, and the primary starts a new one", async () => {
      process.kill(workers[0]!, "SIGKILL");
      // Connections dealt to it before the primary learns of its end are lost with it (a crash
      // drops what is in flight); once it is reaped, every connection goes to the living worker.
      await expect.poll(() => childrenOf(primary).includes(workers[0]!), { timeout: 10_000 }).toBe(false);
      expect(new Set(await statuses(Array.from({ length: 16 }, () => ping)))).toEqual(new Set([200]));
      await expect.poll(() => childrenOf(primary).length, { timeout: 45_000 }).toBe(2);
      expect(childrenOf(primary)).toContain(workers[1]);
    });
  });
});

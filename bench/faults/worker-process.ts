import { fork, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The job worker (./worker.ts) as a child process the harness can SIGKILL and start again. Its
 * output goes to `logFile` (during a database outage it logs every failed poll).
 */
export function workerProcess(env: Record<string, string>, logFile: string) {
  let child: ChildProcess | undefined;
  let starts = 0;
  const gone = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const exited = (c: ChildProcess) => (gone(c) ? Promise.resolve() : new Promise<void>((resolve) => c.once("exit", () => resolve())));

  return {
    get starts() {
      return starts;
    },
    async start() {
      const log = openSync(logFile, "a");
      const started = fork(fileURLToPath(new URL("./worker.ts", import.meta.url)), [], {
        execArgv: ["--import", "tsx"],
        env: { ...process.env, ...env },
        stdio: ["ignore", log, log, "ipc"],
      });
      child = started;
      starts++;
      await new Promise<void>((resolve, reject) => {
        started.once("message", () => resolve());
        started.once("exit", (code, signal) => reject(new Error(`the worker exited while starting (${signal ?? code}); see ${logFile}`)));
      });
    },
    /** kill -9: no clean-up, jobs in hand stay active until pg-boss expires them. */
    async kill() {
      if (!child || gone(child)) return;
      child.kill("SIGKILL");
      await exited(child);
    },
    async stop() {
      if (!child || gone(child)) return;
      const c = child;
      c.kill("SIGTERM");
      const killed = setTimeout(() => c.kill("SIGKILL"), 8_000);
      await exited(c);
      clearTimeout(killed);
    },
  };
}

export type WorkerProcess = ReturnType<typeof workerProcess>;

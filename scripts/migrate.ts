import { runMigrations } from "~/db/migrate";
import { seedReference } from "~/db/seed/reference";
import { provideDatabase } from "./lib/launch";

// Applies pending migrations and the reference data (countries, agencies, crossings, substances,
// criminal provisions): both are idempotent, so this is safe to run on every deploy.
const database = await provideDatabase();
try {
  await runMigrations(database.url);
  const { db } = await import("~/db/index");
  await seedReference(db);
  await db.$client.end();
  console.log("Database is up to date.");
} finally {
  await database.stop();
}

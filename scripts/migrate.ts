import { runMigrations } from "~/db/migrate";
import { seedReference } from "~/db/seed/reference";
import { fail, provideDatabase } from "./lib/launch";

// Applies pending migrations and the reference data (countries, agencies, crossings, substances,
// criminal provisions): both are idempotent, so this is safe to run on every deploy.
const database = await provideDatabase().catch(fail);
try {
  await runMigrations(database.url);
  const { db } = await import("~/db/index");
  await seedReference(db);
  await db.$client.end();
  console.log("Database is up to date.");
} catch (error) {
  await database.stop();
  fail(error);
}
await database.stop();
process.exit(0);

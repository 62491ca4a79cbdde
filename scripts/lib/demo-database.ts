import { env } from "~/env.js";
import { fail, provideDatabase } from "./launch";
import { migrateAndSeedDemo } from "~/db/seed/like-demo";

/**
 * The database of `npm run demo` and `npm run dev`: migrated, with the reference data and the demo
 * agencies, users and notices. Idempotent, so safe on every start.
 */
export async function demoDatabase() {
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    fail("Refusing to load demo accounts into a production database (NODE_ENV=production with DATABASE_URL).");
  }
  const database = await provideDatabase().catch(fail);
  try {
    await (await migrateAndSeedDemo(database.url)).$client.end();
  } catch (error) {
    await database.stop();
    fail(error);
  }
  return database;
}

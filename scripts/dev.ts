import { runMigrations } from "~/db/migrate";
import { seedDemo } from "~/db/seed/demo";
import { seedReference } from "~/db/seed/reference";
import { env } from "~/env.js";
import { devAuthSecret, fail, provideDatabase, serve } from "./lib/launch";

// `npm run dev`: like the demo, with Next's development server.
const authSecret = await devAuthSecret();
const database = await provideDatabase().catch(fail);
try {
  await runMigrations(database.url);
  const { db } = await import("~/db/index");
  await seedReference(db);
  await seedDemo(db);
  await db.$client.end();
} catch (error) {
  await database.stop();
  fail(error);
}
await serve(["dev", "-p", String(env.PORT)], database, { AUTH_SECRET: authSecret });

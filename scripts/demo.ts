import { runMigrations } from "~/db/migrate";
import { seedDemo } from "~/db/seed/demo";
import { seedReference } from "~/db/seed/reference";
import { env } from "~/env.js";
import { devAuthSecret, exited, fail, provideDatabase, runNext, serve } from "./lib/launch";

// `npm run demo`: the whole platform with demo agencies, users and data, on the embedded
// PostgreSQL unless DATABASE_URL is set. Safe to run again: migrations and seeds are idempotent.
if (env.NODE_ENV === "production" && env.DATABASE_URL) {
  console.error("Refusing to load demo accounts into a production database (NODE_ENV=production with DATABASE_URL).");
  process.exit(1);
}

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

const skipBuild = process.argv.includes("--no-build");
if (!skipBuild) {
  const build = await exited(runNext(["build"], { AUTH_SECRET: authSecret }));
  if (build !== 0) {
    await database.stop();
    process.exit(build);
  }
}
console.log(`\nTianshan demo: ${env.APP_URL} (demo accounts in README.md; password precursor-demo-2026)\n`);
await serve(["start", "-p", String(env.PORT)], database, { AUTH_SECRET: authSecret });

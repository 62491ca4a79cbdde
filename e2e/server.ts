import { randomBytes } from "node:crypto";
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "~/db/embedded";
import { env } from "~/env.js";
import { devTotpKey, serve } from "~/scripts/lib/launch";
import { databaseUrlFile } from "./support/state";
import { migrateAndSeedDemo } from "~/db/seed/like-demo";

// The server under test: a throw-away embedded PostgreSQL, or a fresh database on DATABASE_URL's
// server, migrated and seeded like the demo, behind the app server (scripts/serve.ts).
const state = process.env.E2E_STATE_DIR!;
await chmod(state, 0o711);

async function freshDatabase() {
  if (!env.DATABASE_URL) {
    return startEmbeddedPostgres({ dir: join(state, "pg"), port: env.EMBEDDED_PG_PORT + 1, database: "tianshan_e2e", persistent: false });
  }
  const name = `tianshan_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = Object.assign(new URL(env.DATABASE_URL), { pathname: `/${name}` }).toString();
  return {
    url,
    stop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

const database = await freshDatabase();
await (await migrateAndSeedDemo(database.url)).$client.end();
await writeFile(databaseUrlFile(), database.url);
await serve({ hostname: "127.0.0.1" }, database, {
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  // The key the fixtures encrypt test users' authenticators with (e2e/support/fixtures.ts).
  TOTP_ENCRYPTION_KEY: devTotpKey(),
});

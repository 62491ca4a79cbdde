import { DEMO_TOTP_SECRET } from "~/db/seed/factories";
import { env } from "~/env.js";
import { demoDatabase } from "./lib/demo-database";
import { devAuthSecret, devTotpKey, exited, runNext, serve } from "./lib/launch";

// `npm run demo`: the whole platform with demo agencies, users and data, on the embedded
// PostgreSQL unless DATABASE_URL is set. Safe to run again: migrations and seeds are idempotent.
const authSecret = await devAuthSecret();
const database = await demoDatabase();

const skipBuild = process.argv.includes("--no-build");
if (!skipBuild) {
  const build = await exited(runNext(["build"], { AUTH_SECRET: authSecret, TOTP_ENCRYPTION_KEY: devTotpKey() }));
  if (build !== 0) {
    await database.stop();
    process.exit(build);
  }
}
console.log(`\nTianshan demo: ${env.APP_URL} (demo accounts in README.md; password precursor-demo-2026)`);
console.log(`Coordinator, admin and agency admin accounts ask for an authenticator code: add the secret`);
console.log(`${DEMO_TOTP_SECRET} to any TOTP app (or: oathtool --totp -b ${DEMO_TOTP_SECRET}).\n`);
await serve({}, database, { AUTH_SECRET: authSecret, TOTP_ENCRYPTION_KEY: devTotpKey() });

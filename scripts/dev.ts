import { demoDatabase } from "./lib/demo-database";
import { devAuthSecret, devTotpKey, serve } from "./lib/launch";

// `npm run dev`: like the demo, with Next's development server.
const authSecret = await devAuthSecret();
const database = await demoDatabase();
await serve({ dev: true }, database, { AUTH_SECRET: authSecret, TOTP_ENCRYPTION_KEY: devTotpKey() });

import { availableParallelism } from "node:os";
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

// The one place that reads process.env. Everything else imports `env` from here, so a missing
// or malformed variable stops the process at start-up with a message naming it.
// `next build` runs in production mode but serves nobody: runtime secrets are not needed there.
const production = process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build";

const port = z.coerce.number().int().min(1).max(65535);
// Links in mail and banners must reach the server that is really running: without APP_URL, the
// address is the port it serves on (an invalid PORT is reported below, as PORT).
const servedPort = port.catch(3000).parse(process.env.PORT || 3000);

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    // Unset means: the launcher starts the embedded PostgreSQL and passes its URL down.
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
    // Signs and encrypts session cookies. Required in production; `npm run demo` and `npm run dev`
    // generate one and keep it in DATA_DIR so that sessions survive a restart.
    AUTH_SECRET: production
      ? z.string({ error: "is required in production (openssl rand -base64 32)" }).min(32, "must be at least 32 characters")
      : z.string().min(32, "must be at least 32 characters").optional(),
    // Encrypts TOTP secrets at rest (AES-256-GCM, key derived with HKDF). Required in production;
    // elsewhere a fixed development key stands in (server/auth/mfa-crypto.ts), which the demo and
    // development launchers also hand to the server, so that seeded demo authenticators work.
    TOTP_ENCRYPTION_KEY: production
      ? z.string({ error: "is required in production (openssl rand -base64 32)" }).min(32, "must be at least 32 characters")
      : z.string().min(32, "must be at least 32 characters").optional(),
    APP_URL: z.url().default(`http://localhost:${servedPort}`),
    PORT: port.default(3000),
    DATA_DIR: z.string().min(1).default(".data"),
    EMBEDDED_PG_PORT: port.default(54329),
    // How many reverse proxies in front of the app append to X-Forwarded-For. 0: clients connect to
    // the app directly and the address is the socket's. Decides which address sign-in throttling,
    // request budgets and the audit log see (server/http/client-address.ts).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // How many processes serve HTTP on PORT (node:cluster; scripts/serve.ts): one per core unless
    // set. Nothing is kept in a process that another would need (sessions, budgets, queues and
    // event streams live in PostgreSQL), so any worker answers any request.
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
    // Each signed-in user's request budget, in units per second (a tRPC read is 1, a search or a
    // page 5; server/http/request-cost.ts), ten seconds of it at once; each address gets 20 times it.
    REQUEST_BUDGET_PER_SECOND: z.coerce.number().positive().max(1_000_000).default(20),
    // Monitors that send it as a bearer token get the queue's figures from /api/health; without
    // it the endpoint says only whether the app and its database answer.
    HEALTH_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    // Unset (demo, development): outgoing mail is kept in the database and shown to admins.
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    MAIL_FROM: z.string().min(3).default("Tianshan <no-reply@tianshan.local>"),
    // Instant alerts wait this long for more matching notices, so a burst becomes one message.
    MAIL_BATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const lines = issues.map((issue) => `  ${issue.path?.join(".") ?? "?"}: ${issue.message}`);
    console.error(`\nTianshan cannot start: invalid environment variables\n${lines.join("\n")}\nSee "Configuration" in README.md.\n`);
    throw new Error("Invalid environment variables");
  },
});

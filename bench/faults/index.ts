import "~/bench/lib/bench-env";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signIn, startApp, type RunningApp } from "~/bench/lib/app";
import { startSinkProcess, type SinkProcess } from "~/bench/lib/smtp-sink-process";
import { db, useDatabaseUrl } from "~/db/index";
import { runMigrations } from "~/db/migrate";
import { seedDemo } from "~/db/seed/demo";
import { createUser, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "~/db/seed/factories";
import type { Role } from "~/server/auth/roles";
import { seedReference } from "~/db/seed/reference";
import { freePort } from "~/scripts/lib/free-port";
import { devTotpKey } from "~/scripts/lib/launch";
import type { Acknowledged, Session } from "./load";
import { addSubscribers, quickRetries } from "./mail";
import { crashablePostgres, type CrashablePostgres } from "./postgres";
import { profileFromEnv } from "./profile";
import { SCENARIOS, type Harness, type Outcome } from "./scenarios";
import { query } from "./trpc";
import { workerProcess, type WorkerProcess } from "./worker-process";

// `npm run bench:faults`: the reliability scenarios of issue #6 against the real app (`next start`
// from the existing build), its job worker, an embedded PostgreSQL the harness crashes and
// restarts, and an SMTP sink it switches between accept, 421, 550 and offline. Prints each
// scenario's figures and checks; exits 1 if any check fails or the run overruns its time.

// The demo accounts without a second factor; virtual users take turns among them.
const ACCOUNTS = ["kz.chief@example.org", "tj.chief@example.org", "kg.analyst@example.org", "kz.officer@example.org", "cn.liaison@example.org"];
const ADMIN = "admin@example.org";

const profile = profileFromEnv();
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`[${elapsed()}] ${line}`);

let pg: CrashablePostgres | undefined;
let sink: SinkProcess | undefined;
let app: RunningApp | undefined;
let worker: WorkerProcess | undefined;
const workerLog = join(tmpdir(), `tianshan-faults-worker-${process.pid}.log`);
const appLog = join(tmpdir(), `tianshan-faults-app-${process.pid}.log`);

async function stopAll() {
  await Promise.allSettled([app?.stop(), worker?.stop(), sink?.close()]);
  await db.$client.end({ timeout: 1 }).catch(() => {});
  await pg?.stop().catch(() => {});
}

// The whole run is bounded: past the time, every child is stopped and the run fails.
const overrun = setTimeout(() => {
  console.error(`\nFAULTS RUN OVERRAN ${profile.timeoutMinutes} min: stopping everything`);
  void Promise.race([stopAll(), new Promise((r) => setTimeout(r, 15_000))]).then(() => process.exit(1));
}, profile.timeoutMinutes * 60_000);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().then(() => process.exit(1)));

async function session(base: string, email: string, totpSecret?: string): Promise<Session> {
  const cookie = await signIn(base, email, DEMO_PASSWORD, { totpSecret });
  const me = await query<{ userId: string; agencyId: string; permissions: string[] }>(base, cookie, "viewer.me");
  if (!me.data) throw new Error(`viewer.me of ${email} answered ${me.status}`);
  return { email, cookie, userId: me.data.userId, agencyId: me.data.agencyId, canPost: me.data.permissions.includes("notice.create") };
}

async function setUp(): Promise<Harness> {
  const authSecret = randomBytes(32).toString("base64url");
  pg = await crashablePostgres();
  log(`database: ${pg.description}`);
  await runMigrations(pg.url);
  useDatabaseUrl(pg.url);
  await seedReference(db);
  await seedDemo(db);
  const sql = db.$client;
  await quickRetries(sql);
  const subscribers = await addSubscribers(sql, profile.subscribers);
  log(`migrated and seeded like the demo, ${subscribers.length} digest subscribers added`);

  sink = await startSinkProcess({ parse: true });
  process.env.SMTP_URL = sink.url;
  app = await startApp({ port: await freePort(), databaseUrl: pg.url, authSecret, timeoutMs: 60_000, logFile: appLog });
  worker = workerProcess(
    { DATABASE_URL: pg.url, SMTP_URL: sink.url, AUTH_SECRET: authSecret, TOTP_ENCRYPTION_KEY: devTotpKey(), APP_URL: app.base },
    workerLog,
  );
  await worker.start();
  log(`app at ${app.base} (log: ${appLog}), job worker started (log: ${workerLog}), SMTP sink at ${sink.url}`);

  const base = app.base;
  const accounts: Session[] = [];
  for (const email of ACCOUNTS) accounts.push(await session(base, email));
  // Each virtual user is a person of their own (each has a request budget), in the agency and role
  // of one of the demo accounts in turn; they sign in two at a time (argon2 takes its time).
  const likeDemo = await sql<
    { agencyId: string; role: Role }[]
  >`SELECT agency_id AS "agencyId", role FROM users WHERE email IN ${sql(ACCOUNTS)} ORDER BY email`;
  const virtualUser = async (n: number) => session(base, (await createUser(db, likeDemo[n % likeDemo.length]!)).email);
  const sessions: Session[] = [];
  for (let i = 0; i < profile.users; i += 2) {
    sessions.push(...(await Promise.all([i, i + 1].filter((n) => n < profile.users).map(virtualUser))));
  }
  const admin = await session(base, ADMIN, DEMO_TOTP_SECRET);
  // Accounts of their own for the abusive clients and for the flood's two parties, so that their
  // request budgets are not the virtual users'.
  const own = async () => session(base, (await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" })).email);
  const [abuser, flooder] = [await own(), await own()];
  const bystanders = [await own(), await own(), await own(), await own()];
  log(`${sessions.length} virtual users signed in (accounts like the ${ACCOUNTS.length} demo ones), an admin past the second factor, and six more accounts`);
  return {
    profile,
    base,
    authSecret,
    sql,
    pg,
    sink,
    worker,
    sessions,
    accounts,
    adminCookie: admin.cookie,
    abuser,
    flooder,
    bystanders,
    subscribers,
    acknowledged: new Map<string, Acknowledged>(),
    started: new Date(),
  };
}

function print(outcome: Outcome) {
  console.log(`\n${outcome.name}`);
  for (const figure of outcome.figures) console.log(`    ${figure}`);
  for (const c of outcome.checks) console.log(`  ${c.ok ? "✓" : "✗"} ${c.timing ? "(timing, not asserted) " : ""}${c.name}: ${c.detail}`);
}

async function main() {
  log(`fault harness, profile ${profile.name} (timeout ${profile.timeoutMinutes} min)`);
  const harness = await setUp();
  const outcomes: Outcome[] = [];
  // FAULTS_ONLY=3,6: those scenarios alone (numbered as printed), to work on one.
  const only = process.env.FAULTS_ONLY?.split(",").map(Number);
  for (const scenario of SCENARIOS.filter((_, i) => !only || only.includes(i + 1))) {
    const t = performance.now();
    const outcome = await scenario(harness).catch((error: unknown): Outcome => ({
      name: scenario.name,
      figures: [],
      checks: [{ name: "ran to the end", ok: false, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }],
    }));
    outcome.figures.push(`took ${((performance.now() - t) / 1000).toFixed(1)} s`);
    outcomes.push(outcome);
    print(outcome);
  }
  const [ledger] = await harness.sql<{ notices: number; deliveries: number }[]>`
    SELECT (SELECT count(*)::int FROM notices WHERE created_at >= ${harness.started.toISOString()}::timestamptz) AS notices,
      (SELECT count(*)::int FROM mail_deliveries WHERE sent_at IS NOT NULL) AS deliveries`;
  const received = (await harness.sink.ledger()).length;
  const checks = outcomes.flatMap((o) => o.checks);
  const failed = checks.filter((c) => !c.ok && !c.timing);
  const slow = checks.filter((c) => !c.ok && c.timing);
  console.log(
    `\nledger: ${harness.acknowledged.size} submissions acknowledged, ${ledger!.notices} notices created; ` +
      `${received} messages received by the SMTP sink, ${ledger!.deliveries} deliveries marked sent; worker started ${harness.worker.starts} times`,
  );
  // Next survives an uncaught exception (it logs it); the worker would not. Shown, not checked:
  // postgres.js 3.4.9 throws one now and then when a connection is cut (see db/index.ts).
  const uncaught = (await readFile(appLog, "utf8")).match(/uncaughtException/g)?.length ?? 0;
  console.log(`app: ${uncaught} uncaught exceptions logged (${appLog})`);
  console.log(
    `checks: ${checks.length - failed.length - slow.length} passed, ${failed.length} failed, ${slow.length} over a timing bound; run took ${elapsed()}`,
  );
  if (slow.length) console.log(`over a timing bound (measured, not asserted): ${slow.map((c) => `${c.name}: ${c.detail}`).join("; ")}`);
  if (failed.length) console.log(`FAILED: ${failed.map((c) => c.name).join("; ")}\napp output (tail):\n${app?.output()}`);
  return failed.length === 0;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(error);
  if (app) console.error(`app output (tail):\n${app.output()}`);
} finally {
  clearTimeout(overrun);
  await stopAll();
}
process.exit(ok ? 0 : 1);

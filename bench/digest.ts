import "./lib/bench-env";
import { fork, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { db, useDatabaseUrl } from "~/db/index";
import { runMigrations } from "~/db/migrate";
import { seedReference } from "~/db/seed/reference";
import { useSmtp } from "~/server/email/transport";
import { fanOut } from "~/server/jobs/fan-out";
import { enqueueDueDigests } from "~/server/services/digest-schedule";
import { JOBS } from "~/server/queue/catalogue";
import { defaultDigestBatchSize, startWorker } from "~/server/jobs/worker";
import { throwAwayDatabase } from "./lib/database";
import { startSinkProcess } from "./lib/smtp-sink-process";

// `npm run bench:digest`: 10,000 users with mixed subscriptions, 2,000 notices published in one
// day across every TLP level, fanned out through the real fan-out; then every daily digest built
// and handed to an SMTP server (a local sink in a child process) through the real job queue, worked
// by two worker processes (as two app instances run them). Prints the time, peak memory and
// messages per second of the digest run. Target: ≤ 60 s and ≤ 512 MB.

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const NOTICES = Number(process.env.BENCH_NOTICES ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
// Digest jobs each worker fetches together (their items read in one statement).
const DIGEST_BATCH = Number(process.env.BENCH_DIGEST_BATCH ?? defaultDigestBatchSize(CONCURRENCY));
// Worker processes, as two app instances would run them (scripts/worker.ts beside each app
// server): pg-boss hands each job to one of them. Two by default, one per core of this machine.
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
// Each worker's V8 heap is bounded so the garbage of a digest run is collected rather than left
// to grow the process; its live data (entry cache, jobs in hand) fits well within it.
const WORKER_HEAP_MB = Number(process.env.BENCH_WORKER_HEAP_MB ?? 128);
const TARGET = { seconds: 60, megabytes: 512 };

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function generate() {
  // Users in every active agency, in English and Russian, in the region's time zones; authors are
  // the first 200. Their daily subscriptions, by thirds: a whole crossing; one substance at one
  // crossing; one kind of notice about one substance. On top, a weekly country feed for a fifth
  // and an instant crossing feed for a seventh.
  await db.execute(sql`
    INSERT INTO users (email, name, agency_id, role, status, locale, time_zone)
    SELECT 'bench-' || i || '@bench.example.org', 'Bench user ' || i, a.ids[1 + i % cardinality(a.ids)],
      (ARRAY['analyst', 'chief', 'analyst', 'agency_admin']::role[])[1 + i % 4], 'active',
      (ARRAY['en', 'ru', 'ru']::locale[])[1 + i % 3],
      (ARRAY['Asia/Almaty', 'Asia/Bishkek', 'Asia/Dushanbe', 'Asia/Shanghai']::text[])[1 + i % 4]
    FROM generate_series(1, ${USERS}) i,
      (SELECT array_agg(id ORDER BY id) AS ids FROM agencies WHERE active AND country_code IS NOT NULL) a`);
  await db.execute(sql`
    WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS i FROM users WHERE email LIKE 'bench-%'),
    c AS (SELECT array_agg(id ORDER BY id) AS ids FROM crossings),
    s AS (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM substances ORDER BY id LIMIT 12) x),
    k AS (SELECT array_agg(code ORDER BY code) AS codes FROM countries WHERE is_member)
    INSERT INTO subscriptions (user_id, crossing_ids, substance_ids, country_codes, kinds, delivery)
    SELECT u.id, ARRAY[c.ids[1 + u.i % cardinality(c.ids)]], '{}'::text[], '{}'::char(2)[], '{}'::notice_kind[], 'daily'::delivery FROM u, c WHERE u.i % 3 = 0
    UNION ALL SELECT u.id, ARRAY[c.ids[1 + u.i % cardinality(c.ids)]], ARRAY[s.ids[1 + u.i % cardinality(s.ids)]], '{}', '{}', 'daily' FROM u, c, s WHERE u.i % 3 = 1
    UNION ALL SELECT u.id, '{}', ARRAY[s.ids[1 + u.i % cardinality(s.ids)]], '{}', ARRAY['seizure']::notice_kind[], 'daily' FROM u, s WHERE u.i % 3 = 2
    UNION ALL SELECT u.id, '{}', '{}', ARRAY[k.codes[1 + u.i % cardinality(k.codes)]]::char(2)[], '{}', 'weekly' FROM u, k WHERE u.i % 5 = 0
    UNION ALL SELECT u.id, ARRAY[c.ids[1 + (u.i + 3) % cardinality(c.ids)]], '{}', '{}', '{}', 'instant' FROM u, c WHERE u.i % 7 = 0`);
  // 2,000 notices today: TLP clear 15%, green 35%, amber 30% (to a member country), amber+strict
  // 12% (to one agency), red 8% (to two users), at crossings, each with one substance.
  await db.execute(sql`
    WITH a AS (SELECT id, agency_id, row_number() OVER (ORDER BY email) AS i FROM users WHERE email LIKE 'bench-%' LIMIT 200),
    c AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(country_code ORDER BY id) AS countries FROM crossings)
    INSERT INTO notices (kind, title, narrative, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
      source_reliability, info_credibility, handling_code, published_at)
    SELECT 'seizure', 'Bench seizure ' || n, 'Declared as solvent; found in drums behind a false wall. Case ' || n || '.', current_date,
      c.ids[1 + n % cardinality(c.ids)], c.countries[1 + n % cardinality(c.ids)], a.agency_id, a.id,
      (CASE WHEN n % 100 < 15 THEN 'clear' WHEN n % 100 < 50 THEN 'green' WHEN n % 100 < 80 THEN 'amber'
        WHEN n % 100 < 92 THEN 'amber_strict' ELSE 'red' END)::tlp,
      'published', 'B', 2, 'intelligence_only', now() - (n % 1440) * interval '1 minute'
    FROM generate_series(1, ${NOTICES}) n JOIN a ON a.i = 1 + n % 200, c`);
  await db.execute(sql`
    INSERT INTO seizure_items (notice_id, position, substance_id, quantity, unit, mass_kg)
    SELECT n.id, 0, s.ids[1 + abs(hashtext(n.id::text)) % cardinality(s.ids)], 100, 'kg', 100
    FROM notices n, (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM substances ORDER BY id LIMIT 12) x) s
    WHERE n.title LIKE 'Bench seizure %'`);
  await db.execute(sql`
    INSERT INTO notice_release_countries (notice_id, country_code)
    SELECT n.id, (ARRAY['KZ', 'KG', 'TJ'])[1 + abs(hashtext(n.id::text)) % 3]::char(2) FROM notices n WHERE n.tlp = 'amber'`);
  await db.execute(sql`
    INSERT INTO notice_release_agencies (notice_id, agency_id)
    SELECT n.id, a.ids[1 + abs(hashtext(n.id::text)) % cardinality(a.ids)] FROM notices n,
      (SELECT array_agg(id ORDER BY id) AS ids FROM agencies WHERE active) a WHERE n.tlp = 'amber_strict'`);
  await db.execute(sql`
    INSERT INTO notice_recipients (notice_id, user_id)
    SELECT n.id, u.id FROM notices n JOIN LATERAL (
      SELECT id FROM users WHERE email LIKE 'bench-%' AND id <> n.author_id ORDER BY md5(n.id::text || id::text) LIMIT 2) u ON true
    WHERE n.tlp = 'red'`);
  await db.execute(sql`
    INSERT INTO notice_events (notice_id, kind, actor_user_id, created_at)
    SELECT id, 'published', author_id, published_at FROM notices WHERE title LIKE 'Bench seizure %'`);
  await db.execute(sql`ANALYZE`);
}

async function fanOutAll() {
  const events = (await db.execute<{ id: number }>(sql`SELECT id FROM notice_events ORDER BY id`)).map((e) => Number(e.id));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < events.length) await fanOut(events[next++]!);
    }),
  );
  return events.length;
}

/** Data and fan-out, in a child process: the digest run is then measured in a process of its own. */
async function prepare(url: string) {
  useDatabaseUrl(url);
  await seedReference(db);
  let t = performance.now();
  await generate();
  const [counts] = await db.execute<{ users: number; subscriptions: number; notices: number }>(sql`
    SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM subscriptions) AS subscriptions,
      (SELECT count(*)::int FROM notices) AS notices`);
  console.log(`generated ${counts!.users} users, ${counts!.subscriptions} subscriptions, ${counts!.notices} notices in ${seconds(t)} s`);

  t = performance.now();
  const events = await fanOutAll();
  const [items] = await db.execute<{ daily: number; notifications: number }>(sql`
    SELECT (SELECT count(*)::int FROM mail_items WHERE delivery = 'daily') AS daily, (SELECT count(*)::int FROM notifications) AS notifications`);
  console.log(
    `fan-out of ${events} events: ${seconds(t)} s (${items!.notifications} notifications, ${items!.daily} daily digest items; not part of the target)`,
  );
  // The instant alerts queued by the fan-out are not part of this measurement.
  await db.execute(sql`DELETE FROM pgboss.job WHERE name = ${JOBS.instantMail}`);
  await db.$client.end();
}

async function main() {
  const database = await throwAwayDatabase(process.env.DATABASE_URL);
  const sink = await startSinkProcess();
  let workers: Awaited<ReturnType<typeof startWorkerProcesses>> | undefined;
  try {
    console.log(`database: ${database.description}`);
    await runMigrations(database.url);
    useDatabaseUrl(database.url);
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--prepare", database.url], { stdio: "inherit" });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`preparing the data failed (exit code ${code})`);

    peakRss = process.memoryUsage().rss;
    const t = performance.now();
    // Tomorrow 08:00 UTC: past 07:00 in every zone of the region, so every daily digest is due.
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    tomorrow.setUTCHours(8, 0, 0, 0);
    const queued = await enqueueDueDigests(tomorrow);
    workers = await startWorkerProcesses(database.url, sink.url);
    for (;;) {
      const [left] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${JOBS.digestMail} AND state < 'completed'`);
      if (left!.n === 0) break;
      // Counting the queue is a query of its own on the measured database: not too often.
      await new Promise((r) => setTimeout(r, 250));
    }
    const elapsed = (performance.now() - t) / 1000;
    const measured = await workers.measure();
    const [sent] = await db.execute<{ sent: number; empty: number; items: number }>(sql`
      SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, count(*) FILTER (WHERE sent_at IS NULL)::int AS empty,
        coalesce(sum(item_count), 0)::int AS items
      FROM mail_deliveries WHERE dedupe_key LIKE 'daily:%'`);
    const [failed] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${JOBS.digestMail} AND state = 'failed'`);

    const accepted = await sink.count();
    const [all] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_deliveries WHERE sent_at IS NOT NULL`);
    // The sum of each process's own peak: never less than their peak together.
    const memory = mb(measured.reduce((sum, m) => sum + m.peakRss, 0));
    const ok = elapsed <= TARGET.seconds && memory <= TARGET.megabytes && accepted === all!.n && failed!.n === 0;
    console.log("");
    console.log(`digests queued:           ${queued} (daily, and weekly ones when the run falls on a Monday)`);
    console.log(`daily digests:            ${sent!.sent} sent (${sent!.items} notices in all), ${sent!.empty} empty (not sent); ${failed!.n} jobs failed`);
    console.log(`SMTP server accepted:     ${accepted} messages (recorded as sent: ${all!.n})`);
    console.log(`time:                     ${elapsed.toFixed(1)} s (target ≤ ${TARGET.seconds} s)`);
    console.log(
      `peak memory (RSS):        ${memory} MB (target ≤ ${TARGET.megabytes} MB; the ${WORKERS} worker processes building and sending, each: ${measured.map((m) => mb(m.peakRss)).join(", ")} MB; queueing process: ${mb(peakRss)} MB)`,
    );
    console.log(`messages/s:               ${(accepted / elapsed).toFixed(0)}`);
    console.log(`mail jobs in parallel:    ${CONCURRENCY} in each of ${WORKERS} worker processes (digests fetched ${DIGEST_BATCH} at a time)`);
    const cpu = measured.reduce((sum, m) => sum + m.cpuMicros, 0) / 1e6;
    console.log(
      `CPU of the workers:       ${measured.map((m) => (m.cpuMicros / 1e6).toFixed(1)).join(" + ")} s, ${((cpu / accepted) * 1000).toFixed(2)} ms per message (the rest of the time: PostgreSQL, the SMTP sink, waiting)`,
    );
    console.log(ok ? "targets met" : "TARGETS NOT MET");
    process.exitCode = ok ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await workers?.stop();
    await db.$client.end();
    await sink.close();
    await database.stop();
  }
}

type Measured = { peakRss: number; cpuMicros: number };

/** One worker process: the app's job worker, mailing to the sink, reporting its peak memory and CPU. */
async function workerProcess(url: string, smtpUrl: string) {
  useDatabaseUrl(url);
  useSmtp(smtpUrl);
  const cpuBefore = process.cpuUsage();
  const boss = await startWorker({ url, schedule: false, concurrency: CONCURRENCY, digestBatchSize: DIGEST_BATCH, pollingIntervalSeconds: 0.5 });
  process.send!("ready");
  process.on("message", () => {
    const cpu = process.cpuUsage(cpuBefore);
    process.send!({ peakRss, cpuMicros: cpu.user + cpu.system } satisfies Measured);
  });
  process.once("disconnect", () => {
    clearInterval(sampler);
    void boss.stop({ graceful: false, wait: true }).then(() => process.exit(0));
  });
}

async function startWorkerProcesses(url: string, smtpUrl: string) {
  const children: ChildProcess[] = Array.from({ length: WORKERS }, () =>
    fork(fileURLToPath(import.meta.url), ["--worker", url, smtpUrl], {
      execArgv: ["--import", "tsx", `--max-old-space-size=${WORKER_HEAP_MB}`],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const answer = <T>(child: ChildProcess) =>
    new Promise<T>((resolve, reject) => {
      child.once("message", (m) => resolve(m as T));
      child.once("exit", (code) => reject(new Error(`a worker process exited (exit code ${code})`)));
    });
  await Promise.all(children.map((child) => answer<"ready">(child)));
  return {
    measure: () =>
      Promise.all(
        children.map((child) => {
          const measured = answer<Measured>(child);
          child.send("measure");
          return measured;
        }),
      ),
    stop: () =>
      Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once("exit", resolve));
          if (child.connected) child.disconnect();
          else child.kill();
          await exited;
        }),
      ),
  };
}

// A worker process samples its memory until it is stopped; the others stop sampling when done.
if (process.argv[2] === "--worker") await workerProcess(process.argv[3]!, process.argv[4]!);
else {
  if (process.argv[2] === "--prepare") await prepare(process.argv[3]!);
  else await main();
  clearInterval(sampler);
}

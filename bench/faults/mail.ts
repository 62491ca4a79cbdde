import type postgres from "postgres";
import { db } from "~/db/index";
import { enqueueDigestsNow } from "~/server/services/digest-schedule";
import { JOBS } from "~/server/queue/catalogue";
import type { LedgerEntry } from "~/bench/lib/smtp-sink-process";

export type Subscriber = { userId: string; email: string };

/** Users (in the active member agencies) with a daily digest of every notice: the mail scenarios' recipients. */
export async function addSubscribers(sql: postgres.Sql, count: number): Promise<Subscriber[]> {
  const users = await sql<{ id: string; email: string }[]>`
    INSERT INTO users (email, name, agency_id, role, status)
    SELECT 'faults-' || i || '@faults.example.org', 'Subscriber ' || i, a.ids[1 + i % cardinality(a.ids)], 'analyst', 'active'
    FROM generate_series(1, ${count}) i,
      (SELECT array_agg(id ORDER BY id) AS ids FROM agencies WHERE active AND country_code IS NOT NULL) a
    RETURNING id, email`;
  await sql`INSERT INTO subscriptions (user_id, delivery) SELECT unnest(${users.map((u) => u.id)}::uuid[]), 'daily'`;
  return users.map((u) => ({ userId: u.id, email: u.email }));
}

/**
 * The job settings of the harness's own database, so that a scenario plays out in seconds: a job
 * left active by a killed worker expires after 10 s (production: 60 s for mail, 15 min for
 * fan-out), and retries back off from 1 s instead of 30 s (same limit, same doubling). Production
 * settings (server/jobs/queue.ts) are untouched.
 */
export async function quickRetries(sql: postgres.Sql) {
  await sql`
    UPDATE pgboss.queue SET expire_seconds = 10, retry_delay = 1
    WHERE name IN (${JOBS.fanOut}, ${JOBS.instantMail}, ${JOBS.digestMail})`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `done` every 200 ms; false when `timeoutMs` passed first. */
export async function until(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(200);
  }
  return done();
}

/** Whether every job of a queue (or the given jobs) has reached a final state. */
export async function settled(sql: postgres.Sql, name: string, ids?: string[]): Promise<boolean> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pgboss.job
    WHERE name = ${name} AND state < 'completed' ${ids ? sql`AND id = ANY (${ids}::uuid[])` : sql``}`;
  return row!.n === 0;
}

export type DigestJob = { id: string; userId: string; dedupeKey: string };

/**
 * "Run digests now", as the admin page does (server/services/mail-admin.ts), `daysAhead` days
 * from today: each run takes a period of its own, so every mail scenario sends fresh digests.
 */
export async function runDigests(sql: postgres.Sql, daysAhead: number): Promise<DigestJob[]> {
  const [{ now }] = [...(await sql<{ now: string }[]>`SELECT now()::text AS now`)] as [{ now: string }];
  await db.transaction((tx) => enqueueDigestsNow(tx, new Date(Date.now() + daysAhead * 86_400_000)));
  return sql<DigestJob[]>`
    SELECT id::text AS id, data->>'userId' AS "userId", singleton_key AS "dedupeKey"
    FROM pgboss.job WHERE name = ${JOBS.digestMail} AND created_on >= ${now}::timestamptz`;
}

/** The digest jobs' deliveries as recorded: Message-ID, and whether marked sent. */
export async function deliveries(sql: postgres.Sql, jobs: DigestJob[]) {
  const rows = await sql<{ dedupeKey: string; messageId: string; sent: boolean }[]>`
    SELECT dedupe_key AS "dedupeKey", message_id AS "messageId", sent_at IS NOT NULL AS sent
    FROM mail_deliveries WHERE dedupe_key = ANY (${jobs.map((j) => j.dedupeKey)}::text[])`;
  return new Map(rows.map((r) => [r.dedupeKey, r]));
}

/** How many times the SMTP sink received each Message-ID. */
export function copiesById(ledger: LedgerEntry[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const entry of ledger) copies.set(entry.messageId, (copies.get(entry.messageId) ?? 0) + 1);
  return copies;
}

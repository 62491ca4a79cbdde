import { sql } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import { digestKey, JOBS, type DigestMailJob, type DigestPeriod } from "~/server/queue/catalogue";
import { enqueueMany } from "~/server/queue/enqueue";

// When digests are due, apart from how they are written (server/jobs/mail.ts): the admin pages queue a run
// without pulling the mail templates (and react-dom/server) into the pages' module graph.

// The start of the current period in the user's own time: the last 07:00 for daily digests, the
// last Monday 07:00 for weekly ones (date_trunc('week') starts on Monday).
const PERIOD_START = (now: Date) => sql`
  CROSS JOIN LATERAL (VALUES
    ('daily'::delivery, date_trunc('day', (${now.toISOString()}::timestamptz AT TIME ZONE u.time_zone) - interval '7 hours') + interval '7 hours', interval '1 day'),
    ('weekly'::delivery, date_trunc('week', (${now.toISOString()}::timestamptz AT TIME ZONE u.time_zone) - interval '7 hours') + interval '7 hours', interval '7 days')
  ) AS p(period, start_local, length)`;

async function enqueueDigests(tx: Tx, rows: { user_id: string; period: DigestPeriod; period_date: string; cutoff: string }[]): Promise<number> {
  await enqueueMany(
    tx,
    rows.map((r) => {
      const job: DigestMailJob = { userId: r.user_id, period: r.period, periodDate: r.period_date, cutoff: r.cutoff };
      return { name: JOBS.digestMail, data: job, singletonKey: digestKey(job) };
    }),
  );
  return rows.length;
}

/**
 * The scheduler's minute tick: queues the digest of every user whose 07:00 (or Monday 07:00) has
 * come in their own time zone, who has items from before it and no digest for that period yet.
 * Run by any instance, any number of times: the job keys and the delivery keys make it once.
 */
export async function enqueueDueDigests(now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ user_id: string; period: DigestPeriod; period_date: string; cutoff: string }>(sql`
      SELECT u.id AS user_id, p.period, to_char(p.start_local, 'YYYY-MM-DD') AS period_date,
        to_char((p.start_local AT TIME ZONE u.time_zone) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS cutoff
      FROM users u ${PERIOD_START(now)}
      WHERE u.status = 'active'
        AND EXISTS (SELECT 1 FROM mail_items mi WHERE mi.user_id = u.id AND mi.delivery = p.period AND mi.delivery_id IS NULL
          AND mi.created_at < (p.start_local AT TIME ZONE u.time_zone))
        AND NOT EXISTS (SELECT 1 FROM mail_deliveries d
          WHERE d.dedupe_key = p.period || ':' || u.id || ':' || to_char(p.start_local, 'YYYY-MM-DD'))`);
    return enqueueDigests(tx, rows);
  });
}

/**
 * "Run digests now" (admins, the demo): sends each user's coming digest early, with everything
 * waiting until this moment. It takes the coming period's key, so the scheduled run at 07:00 does
 * not send it again.
 */
export async function enqueueDigestsNow(tx: Tx, now = new Date()): Promise<number> {
  const rows = await tx.execute<{ user_id: string; period: DigestPeriod; period_date: string; cutoff: string }>(sql`
      SELECT u.id AS user_id, p.period, to_char(p.start_local + p.length, 'YYYY-MM-DD') AS period_date, ${now.toISOString()} AS cutoff
      FROM users u ${PERIOD_START(now)}
      WHERE u.status = 'active'
        AND EXISTS (SELECT 1 FROM mail_items mi WHERE mi.user_id = u.id AND mi.delivery = p.period AND mi.delivery_id IS NULL
          AND mi.created_at <= ${now.toISOString()}::timestamptz)
        AND NOT EXISTS (SELECT 1 FROM mail_deliveries d
          WHERE d.dedupe_key = p.period || ':' || u.id || ':' || to_char(p.start_local + p.length, 'YYYY-MM-DD'))`);
  return enqueueDigests(tx, rows);
}

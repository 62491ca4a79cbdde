import { desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";
import { mailbox } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { enqueueDigestsNow } from "~/server/jobs/digest-schedule";
import { enqueueMany, JOBS } from "~/server/jobs/queue";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";

const PAGE = 50;

/** The demo/development mailbox: mail kept in the database because no SMTP server is configured. */
export async function listMailbox({ input }: { viewer: Viewer; input: { before?: number } }) {
  const rows = await db
    .select({ id: mailbox.id, to: mailbox.to, subject: mailbox.subject, createdAt: mailbox.createdAt })
    .from(mailbox)
    .where(input.before ? lt(mailbox.id, input.before) : undefined)
    .orderBy(desc(mailbox.id))
    .limit(PAGE + 1);
  return { messages: rows.slice(0, PAGE), next: rows.length > PAGE ? rows[PAGE - 1]!.id : null };
}

export async function getMailboxMessage({ input }: { viewer: Viewer; input: { id: number } }) {
  const [row] = await db.select().from(mailbox).where(eq(mailbox.id, input.id));
  if (!row) throw notFound();
  return row;
}

/**
 * Jobs that used up their retries, or that the mail server refused for good (`permanent`: not
 * retried at all), newest first: what an admin must look into.
 */
export async function listDeadLetters(_: { viewer: Viewer }) {
  const rows = await db.execute<{ id: string; name: string; data: unknown; output: { message?: string; permanent?: boolean } | null; retry_count: number; failed_at: Date }>(sql`
    SELECT id, name, data, output, retry_count, completed_on AS failed_at FROM pgboss.job
    WHERE state = 'failed' AND name <> ${JOBS.deadLetter}
    UNION ALL
    SELECT id, name, data, output, retry_count, completed_on FROM pgboss.archive
    WHERE state = 'failed' AND name <> ${JOBS.deadLetter}
    ORDER BY failed_at DESC NULLS LAST
    LIMIT 100`);
  return rows.map((r) => ({
    id: r.id,
    queue: r.name,
    data: JSON.stringify(r.data),
    error: r.output?.message ?? (r.output ? JSON.stringify(r.output) : null),
    permanent: r.output?.permanent === true,
    attempts: r.retry_count + 1,
    failedAt: r.failed_at ? new Date(r.failed_at) : null,
    retryable: RETRYABLE.has(r.name),
  }));
}

// Mail jobs only: sending again is safe, as every message has its dedupe key.
const RETRYABLE = new Set<string>([JOBS.instantMail, JOBS.digestMail]);

/**
 * An admin sends a failed mail job again (say, once the recipient's mailbox is fixed): it is
 * queued afresh, with its retries, and leaves the failed list; the audit entry keeps what failed
 * and why. If a job for the same reader is already waiting, that one sends the mail.
 */
export async function retryDeadLetter({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const taken = async (table: SQL) =>
      (
        await tx.execute<{ name: string; data: object; singleton_key: string | null; output: { message?: string } | null }>(sql`
          DELETE FROM ${table} WHERE id = ${input.id} AND state = 'failed' AND name IN (${sql.join([...RETRYABLE].map((name) => sql`${name}`), sql`, `)})
          RETURNING name, data, singleton_key, output`)
      )[0];
    const job = (await taken(sql`pgboss.job`)) ?? (await taken(sql`pgboss.archive`));
    if (!job) throw notFound();
    await enqueueMany(tx, [{ name: job.name, data: job.data, ...(job.singleton_key ? { singletonKey: job.singleton_key } : {}) }]);
    await audit(tx, { action: "mail.retry_job", actor: viewer, target: { type: "job", id: input.id }, details: { queue: job.name, data: job.data, error: job.output?.message ?? null } });
  });
}

/** "Run digests now": every user's coming daily and weekly digest goes out early. */
export async function runDigestsNow({ viewer }: { viewer: Viewer }) {
  return db.transaction(async (tx) => {
    const queued = await enqueueDigestsNow(tx);
    await audit(tx, { action: "mail.run_digests", actor: viewer, details: { queued } });
    return { queued };
  });
}

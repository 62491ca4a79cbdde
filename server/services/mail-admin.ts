import { desc, eq, lt, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { mailbox } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { enqueueDigestsNow } from "~/server/jobs/digest-schedule";
import { JOBS } from "~/server/jobs/queue";
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

/** Jobs that used up their retries, newest first: what an admin must look into. */
export async function listDeadLetters(_: { viewer: Viewer }) {
  const rows = await db.execute<{ id: string; name: string; data: unknown; output: { message?: string } | null; retry_count: number; failed_at: Date }>(sql`
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
    attempts: r.retry_count + 1,
    failedAt: r.failed_at ? new Date(r.failed_at) : null,
  }));
}

/** "Run digests now": every user's coming daily and weekly digest goes out early. */
export async function runDigestsNow({ viewer }: { viewer: Viewer }) {
  return db.transaction(async (tx) => {
    const queued = await enqueueDigestsNow(tx);
    await audit(tx, { action: "mail.run_digests", actor: viewer, details: { queued } });
    return { queued };
  });
}

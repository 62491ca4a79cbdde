import { desc, eq, getTableColumns, lt, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";
import { mailbox } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { JOBS } from "~/server/queue/catalogue";
import { requeue } from "~/server/queue/enqueue";
import { enqueueDigestsNow } from "~/server/services/digest-schedule";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";
import { eventVisibleTo } from "~/server/services/visibility";

const PAGE = 50;

/**
 * Whether the admin may read everything some mail items are about: `from` is a FROM … WHERE over
 * `mail_items mi` joined with `notice_events e` and `notices`. Items of none (or items they may not
 * read, or that name a notice they may not know of) leave the admin with the envelope only: the
 * content, and even that a message concerns such a notice, is not theirs to see.
 */
const readableItems = (viewer: Viewer, from: SQL) =>
  sql<boolean>`(EXISTS (SELECT 1 ${from}) AND NOT EXISTS (SELECT 1 ${from} AND (${eventVisibleTo(viewer, sql`e.mentioned_notice_id`)}) IS NOT TRUE))`;

// The items a stored message took: its delivery has the same Message-ID.
const messageItems = sql`FROM mail_deliveries d JOIN mail_items mi ON mi.delivery_id = d.id JOIN notice_events e ON e.id = mi.event_id
  JOIN notices ON notices.id = mi.notice_id WHERE d.message_id = ${mailbox.messageId}`;

/**
 * The demo/development mailbox: mail kept in the database because no SMTP server is configured.
 * A message about notices the admin may not read shows its envelope only: recipient and time.
 */
export async function listMailbox({ viewer, input }: { viewer: Viewer; input: { before?: number } }) {
  const rows = await db
    .select({ id: mailbox.id, to: mailbox.to, subject: mailbox.subject, createdAt: mailbox.createdAt, readable: readableItems(viewer, messageItems) })
    .from(mailbox)
    .where(input.before ? lt(mailbox.id, input.before) : undefined)
    .orderBy(desc(mailbox.id))
    .limit(PAGE + 1);
  const messages = rows.slice(0, PAGE).map(({ readable, subject, ...envelope }) => (readable ? { ...envelope, subject } : { ...envelope, subject: null }));
  return { messages, next: rows.length > PAGE ? rows[PAGE - 1]!.id : null };
}

export async function getMailboxMessage({ viewer, input }: { viewer: Viewer; input: { id: number } }) {
  const [row] = await db
    .select({ message: getTableColumns(mailbox), readable: readableItems(viewer, messageItems) })
    .from(mailbox)
    .where(eq(mailbox.id, input.id));
  if (!row) throw notFound();
  const { id, to, createdAt } = row.message;
  return row.readable ? { withheld: false as const, ...row.message } : { withheld: true as const, id, to, createdAt };
}

// What a failed job is about. A fan-out: its event. A mail job: the items still waiting for its
// reader and channel (a failed message took none), as the mail job reads them.
const jobItems = (job: SQL) => ({
  fanOut: sql`FROM notice_events e JOIN notices ON notices.id = e.notice_id WHERE e.id = (${job}.data->>'eventId')::bigint`,
  mail: sql`FROM mail_items mi JOIN notice_events e ON e.id = mi.event_id JOIN notices ON notices.id = mi.notice_id
    WHERE mi.user_id = (${job}.data->>'userId')::uuid AND mi.delivery_id IS NULL
      AND mi.delivery = (CASE ${job}.name WHEN ${JOBS.instantMail} THEN 'instant' ELSE ${job}.data->>'period' END)::delivery
      AND (${job}.name <> ${JOBS.instantMail} OR (e.kind = 'moderated') = (${job}.data->>'category' = 'moderation'))`,
});

/**
 * Jobs that used up their retries, or that the mail server refused for good (`permanent`: not
 * retried at all), newest first: what an admin must look into. A job about notices the admin may
 * not read shows its envelope only (queue, recipient, attempts, time): its payload and error may
 * carry what it was sending.
 */
export async function listDeadLetters({ viewer }: { viewer: Viewer }) {
  const failed = (table: SQL) => {
    const items = jobItems(sql`j`);
    return sql`SELECT j.id, j.name, j.data, j.output, j.retry_count, j.completed_on AS failed_at, u.email AS recipient,
      CASE j.name
        WHEN ${JOBS.fanOut} THEN ${readableItems(viewer, items.fanOut)}
        WHEN ${JOBS.instantMail} THEN ${readableItems(viewer, items.mail)}
        WHEN ${JOBS.digestMail} THEN ${readableItems(viewer, items.mail)}
        ELSE true END AS readable
      FROM ${table} j LEFT JOIN users u ON u.id::text = j.data->>'userId'
      WHERE j.state = 'failed' AND j.name <> ${JOBS.deadLetter}`;
  };
  const rows = await db.execute<{
    id: string;
    name: string;
    data: unknown;
    output: { message?: string; permanent?: boolean } | null;
    retry_count: number;
    failed_at: Date;
    recipient: string | null;
    readable: boolean;
  }>(sql`${failed(sql`pgboss.job`)} UNION ALL ${failed(sql`pgboss.archive`)} ORDER BY failed_at DESC NULLS LAST LIMIT 100`);
  return rows.map((r) => ({
    id: r.id,
    queue: r.name,
    recipient: r.recipient,
    permanent: r.output?.permanent === true,
    attempts: r.retry_count + 1,
    failedAt: r.failed_at ? new Date(r.failed_at) : null,
    retryable: RETRYABLE.has(r.name),
    ...(r.readable
      ? { withheld: false as const, data: JSON.stringify(r.data), error: r.output?.message ?? (r.output ? JSON.stringify(r.output) : null) }
      : { withheld: true as const, data: null, error: null }),
  }));
}

// Mail jobs only: sending again is safe, as every message has its dedupe key.
const RETRYABLE = new Set<string>([JOBS.instantMail, JOBS.digestMail]);

/**
 * An admin sends a failed mail job again (say, once the recipient's mailbox is fixed): it is
 * queued afresh, with its retries, and leaves the failed list; the audit entry keeps what failed
 * (queue and payload: a reader and a channel), not the error, which may quote what the message
 * carried and which every reader of the trail would see. If a job for the same reader is already
 * waiting, that one sends the mail.
 */
export async function retryDeadLetter({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const taken = async (table: SQL) =>
      (
        await tx.execute<{ name: string; data: object; singleton_key: string | null }>(sql`
          DELETE FROM ${table} WHERE id = ${input.id} AND state = 'failed' AND name IN (${sql.join(
            [...RETRYABLE].map((name) => sql`${name}`),
            sql`, `,
          )})
          RETURNING name, data, singleton_key`)
      )[0];
    const job = (await taken(sql`pgboss.job`)) ?? (await taken(sql`pgboss.archive`));
    if (!job) throw notFound();
    await requeue(tx, { name: job.name, data: job.data, ...(job.singleton_key ? { singletonKey: job.singleton_key } : {}) });
    await audit(tx, { action: "mail.retry_job", actor: viewer, target: { type: "job", id: input.id }, details: { queue: job.name, data: job.data } });
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

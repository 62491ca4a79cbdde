import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { db, type Tx } from "~/db/index";
import type { NoticeEventKind } from "~/db/schema";
import type { Locale } from "~/i18n/locales";
import type { NoticeKind, Tlp } from "~/schemas/notice-enums";
import { buildNoticeMail, messageIdFor, type MailKind, type MailRecipient, type PendingNotice } from "~/server/email/notice-mail";
import { sendMail } from "~/server/email/transport";
import { visibleToUsers } from "~/server/services/visibility";
import { digestKey, type DigestMailJob, type DigestPeriod } from "./digest-schedule";

export type InstantMailJob = { userId: string; category: "alerts" | "moderation" };
export type MailOutcome = "sent" | "empty" | "duplicate";

type Channel = { delivery: "instant" | DigestPeriod; category?: InstantMailJob["category"] };

// The place in the reader's language (users.locale), as the crossing's or the country's name.
const PLACE = sql`CASE users.locale
  WHEN 'ru' THEN coalesce(c.name_ru, co.name_ru)
  WHEN 'zh' THEN coalesce(c.name_zh, c.name_en, co.name_zh)
  ELSE coalesce(c.name_en, co.name_en) END`;

const dialect = new PgDialect({ casing: "snake_case" });

/**
 * Runs a statement as a named prepared statement of the transaction's connection. drizzle's
 * `execute` sends each statement unnamed: PostgreSQL parsed and planned the pending-items query
 * (with the visibility rule) again for every message, and postgres.js first described its
 * parameters in a round trip of its own.
 */
async function prepared<T>(tx: Tx, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = (tx._.session as unknown as { client: postgres.TransactionSql }).client;
  return [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }))] as T[];
}

/**
 * The user (if still active) and their items waiting on a channel, oldest first, each with whether
 * it may go out now: the reader must still be allowed to read the notice (the visibility rule, at
 * send time), and a retracted notice drops out unless the news is its retraction. Place is the
 * crossing or country only: free-text places may say more than an AMBER email should.
 */
async function pendingItems(tx: Tx, userId: string, channel: Channel, cutoff: Date) {
  const category =
    channel.category === "moderation" ? sql`AND e.kind = 'moderated'` : channel.category === "alerts" ? sql`AND e.kind <> 'moderated'` : sql``;
  const rows = await prepared<{
    email: string;
    locale: Locale;
    time_zone: string;
    active: boolean;
    item_id: number;
    subscription_id: string | null;
    event: NoticeEventKind;
    id: string;
    kind: NoticeKind;
    tlp: Tlp;
    title: string;
    narrative: string;
    occurred_on: string;
    place: string | null;
    visible: boolean;
  }>(tx, sql`
    SELECT users.email, users.locale, users.time_zone, (users.status = 'active' AND agencies.active) AS active,
      mi.id AS item_id, mi.subscription_id, e.kind AS event, notices.id, notices.kind, notices.tlp, notices.title,
      notices.narrative, notices.occurred_on::text AS occurred_on, ${PLACE} AS place,
      (${visibleToUsers()} AND (notices.status = 'published' OR e.kind IN ('retracted', 'moderated'))) AS visible
    FROM mail_items mi
    JOIN notice_events e ON e.id = mi.event_id
    JOIN notices ON notices.id = mi.notice_id
    JOIN users ON users.id = mi.user_id
    JOIN agencies ON agencies.id = users.agency_id
    LEFT JOIN crossings c ON c.id = notices.crossing_id
    LEFT JOIN countries co ON co.code = notices.country_code
    WHERE mi.user_id = ${userId} AND mi.delivery = ${channel.delivery} AND mi.delivery_id IS NULL
      AND mi.created_at <= ${cutoff.toISOString()}::timestamptz ${category}
    ORDER BY mi.id`);
  const first = rows[0];
  const recipient: MailRecipient | null = first?.active ? { userId, email: first.email, locale: first.locale, timeZone: first.time_zone } : null;
  return { recipient, items: rows };
}

/**
 * Sends what waits for one user on one channel as one message, at most once per dedupe key.
 * Everything happens in one transaction, SMTP hand-over included: killed before the commit, the
 * job runs again and sends the same message (same Message-ID); after it, the key is taken and a
 * rerun does nothing. An advisory lock per user and channel keeps two workers (two app
 * instances) from building the same message at once.
 */
async function mailPending(input: { userId: string; kind: MailKind; channel: Channel; cutoff: Date; dedupeKey: ((firstItemId: number) => string) | string; periodDate: string | null }): Promise<MailOutcome> {
  const { userId, channel } = input;
  return db.transaction(async (tx) => {
    await prepared(tx, sql`SELECT pg_advisory_xact_lock(hashtextextended(${`mail:${channel.delivery}:${channel.category ?? ""}:${userId}`}, 0))`);
    const { recipient, items } = await pendingItems(tx, userId, channel, input.cutoff);
    const dedupeKey = typeof input.dedupeKey === "string" ? input.dedupeKey : items[0] ? input.dedupeKey(items[0].item_id) : null;
    if (!dedupeKey) return "empty";
    const pending: PendingNotice[] = items
      .filter((i) => i.visible)
      .map((i) => ({ id: i.id, kind: i.kind, tlp: i.tlp, title: i.title, narrative: i.narrative, occurredOn: i.occurred_on, place: i.place, event: i.event, subscriptionId: i.subscription_id }));
    // An empty digest is not sent; its key stays taken all the same, so the period is settled.
    const sending = recipient !== null && pending.length > 0;
    // One statement takes the key and the items. sent_at is written before the hand-over to
    // SMTP, but becomes visible only if the transaction commits, that is, after it succeeded.
    const [delivery] = await prepared<{ id: number }>(tx, sql`
      WITH delivery AS (
        INSERT INTO mail_deliveries (user_id, dedupe_key, message_id, item_count, sent_at)
        VALUES (${userId}, ${dedupeKey}, ${messageIdFor(dedupeKey)}, ${sending ? new Set(pending.map((p) => p.id)).size : 0}, ${sending ? sql`now()` : null})
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id
      ), taken AS (
        UPDATE mail_items SET delivery_id = delivery.id FROM delivery
        WHERE mail_items.id = ANY (${`{${items.map((i) => i.item_id).join(",")}}`}::bigint[])
      )
      SELECT id FROM delivery`);
    if (!delivery) return "duplicate";
    if (!sending) return "empty";
    await sendMail(await buildNoticeMail({ kind: input.kind, recipient, pending, dedupeKey, periodDate: input.periodDate }), tx);
    return "sent";
  });
}

export function sendInstantMail(job: InstantMailJob): Promise<MailOutcome> {
  return mailPending({
    userId: job.userId,
    kind: job.category,
    channel: { delivery: "instant", category: job.category },
    cutoff: new Date(),
    dedupeKey: (first) => `instant:${job.category}:${job.userId}:${first}`,
    periodDate: null,
  });
}

export function sendDigestMail(job: DigestMailJob): Promise<MailOutcome> {
  return mailPending({
    userId: job.userId,
    kind: job.period,
    channel: { delivery: job.period },
    cutoff: new Date(job.cutoff),
    dedupeKey: digestKey(job),
    periodDate: job.periodDate,
  });
}

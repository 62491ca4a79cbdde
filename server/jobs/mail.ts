import { sql, type SQL } from "drizzle-orm";
import type postgres from "postgres";
import { dialect } from "~/db/dialect";
import { arrayLiteral } from "~/db/array-literal";
import { db, type Tx } from "~/db/index";
import type { NoticeEventKind, NotificationMatch } from "~/db/schema";
import { clientOf } from "~/db/transaction-client";
import type { Locale } from "~/i18n/locales";
import type { NoticeKind, Tlp } from "~/schemas/notice-enums";
import { buildNoticeMail, messageIdFor, type MailKind, type MailRecipient, type PendingNotice } from "~/server/email/notice-mail";
import { sendMail } from "~/server/email/transport";
import { matchedNames, type MatchedNames } from "~/server/services/notifications/matched";
import { eventVisibleToUsers } from "~/server/services/visibility";
import { digestKey, type DigestMailJob, type DigestPeriod, type InstantMailJob } from "~/server/queue/catalogue";
import { settleEach } from "./settle-each";

export type MailOutcome = "sent" | "empty" | "duplicate";

type Channel = { delivery: "instant" | DigestPeriod; category?: InstantMailJob["category"] };

// The place in the reader's language (users.locale), as the crossing's or the country's name.
const PLACE = sql`CASE users.locale
  WHEN 'ru' THEN coalesce(c.name_ru, co.name_ru)
  WHEN 'zh' THEN coalesce(c.name_zh, c.name_en, co.name_zh)
  ELSE coalesce(c.name_en, co.name_en) END`;

type Client = postgres.Sql | postgres.TransactionSql;

/**
 * Runs a statement as a named prepared statement of the connection. drizzle's `execute` sends
 * each statement unnamed: PostgreSQL parsed and planned the pending-items query (with the
 * visibility rule) again for every message, and postgres.js first described its parameters in
 * a round trip of its own.
 */
async function prepared<T>(client: Client, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }))] as T[];
}

/** What one message is for: a user, a channel, the items up to a cutoff, and its dedupe key. */
type MailRequest = {
  userId: string;
  kind: MailKind;
  channel: Channel;
  cutoff: Date;
  dedupeKey: ((firstItemId: number) => string) | string;
  periodDate: string | null;
};

type PendingRow = {
  request: number;
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
  matched: NotificationMatch | null;
  matched_names: MatchedNames | null;
};

/**
 * The items waiting for each request, oldest first, with their user (if still active), in one
 * statement for all of them: a digest run reads the items of a whole batch of readers at once.
 * Each item says whether it may go out now: the reader must still be allowed to read the notice
 * and to know of any other notice its event names (the visibility rule, at send time), and a retracted notice drops out unless the news is its
 * retraction. Place is the crossing or country only: free-text places may say more than an
 * AMBER email should.
 */
async function pendingItems(client: Client, requests: MailRequest[]): Promise<PendingRow[][]> {
  const rows = await prepared<PendingRow>(
    client,
    sql`
    SELECT w.request::int AS request, users.email, users.locale, users.time_zone, (users.status = 'active' AND agencies.active) AS active,
      mi.id AS item_id, mi.subscription_id, e.kind AS event, notices.id, notices.kind, notices.tlp, notices.title,
      notices.narrative, notices.occurred_on::text AS occurred_on, ${PLACE} AS place,
      notifications.matched, ${matchedNames(sql`users.locale`)} AS matched_names,
      (${eventVisibleToUsers(sql`e.mentioned_notice_id`)} AND (notices.status = 'published' OR e.kind IN ('retracted', 'moderated'))) AS visible
    FROM unnest(${arrayLiteral(requests.map((r) => r.userId))}::uuid[], ${arrayLiteral(requests.map((r) => r.channel.delivery))}::delivery[],
        ${arrayLiteral(requests.map((r) => r.channel.category ?? null))}::text[], ${arrayLiteral(requests.map((r) => r.cutoff.toISOString()))}::timestamptz[])
      WITH ORDINALITY AS w(user_id, delivery, category, cutoff, request)
    JOIN mail_items mi ON mi.user_id = w.user_id AND mi.delivery = w.delivery AND mi.delivery_id IS NULL AND mi.created_at <= w.cutoff
    JOIN notice_events e ON e.id = mi.event_id AND (w.category IS NULL OR (e.kind = 'moderated') = (w.category = 'moderation'))
    JOIN notices ON notices.id = mi.notice_id
    -- What brought it, as the fan-out stored it with the in-app notification of the same event.
    LEFT JOIN notifications ON notifications.user_id = mi.user_id AND notifications.event_id = mi.event_id
    JOIN users ON users.id = mi.user_id
    JOIN agencies ON agencies.id = users.agency_id
    LEFT JOIN crossings c ON c.id = notices.crossing_id
    LEFT JOIN countries co ON co.code = notices.country_code
    ORDER BY w.request, mi.id`,
  );
  const byRequest = requests.map((): PendingRow[] => []);
  for (const row of rows) byRequest[row.request - 1]!.push(row);
  return byRequest;
}

/** Another message took some of the items between reading and taking them (see `deliver`). */
class ItemsTakenMeanwhile extends Error {}

/**
 * Sends one message for items read before, at most once per dedupe key, in the transaction
 * given: the SMTP hand-over happens inside it. Killed before the commit, the job runs again and
 * sends the same message (same Message-ID); after it, the key is taken and a rerun does nothing.
 * Two messages for one user (two workers, or a scheduled digest beside one sent early) may
 * read the same items: taking them only while untaken, and refusing to send when any was taken
 * meanwhile, keeps a notice from going out twice.
 */
async function deliver(tx: Tx, request: MailRequest, items: PendingRow[]): Promise<MailOutcome> {
  const { userId } = request;
  const first = items[0];
  const dedupeKey = typeof request.dedupeKey === "string" ? request.dedupeKey : first ? request.dedupeKey(first.item_id) : null;
  if (!dedupeKey) return "empty";
  const recipient: MailRecipient | null = first?.active ? { userId, email: first.email, locale: first.locale, timeZone: first.time_zone } : null;
  const pending: PendingNotice[] = items
    .filter((i) => i.visible)
    .map((i) => ({
      id: i.id,
      kind: i.kind,
      tlp: i.tlp,
      title: i.title,
      narrative: i.narrative,
      occurredOn: i.occurred_on,
      place: i.place,
      event: i.event,
      subscriptionId: i.subscription_id,
      matched: i.matched,
      matchedNames: i.matched_names,
    }));
  // An empty digest is not sent; its key stays taken all the same, so the period is settled.
  const sending = recipient !== null && pending.length > 0;
  // One statement takes the key and the items. sent_at is written before the hand-over to
  // SMTP, but becomes visible only if the transaction commits, that is, after it succeeded.
  const [delivery] = await prepared<{ id: number; taken: number }>(
    clientOf(tx),
    sql`
    WITH delivery AS (
      INSERT INTO mail_deliveries (user_id, dedupe_key, message_id, item_count, sent_at)
      VALUES (${userId}, ${dedupeKey}, ${messageIdFor(dedupeKey)}, ${sending ? new Set(pending.map((p) => p.id)).size : 0}, ${sending ? sql`now()` : null})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id
    ), taken AS (
      UPDATE mail_items SET delivery_id = delivery.id FROM delivery
      WHERE mail_items.id = ANY (${arrayLiteral(items.map((i) => i.item_id))}::bigint[]) AND mail_items.delivery_id IS NULL
      RETURNING 1
    )
    SELECT id, (SELECT count(*) FROM taken)::int AS taken FROM delivery`,
  );
  if (!delivery) return "duplicate";
  if (delivery.taken < items.length) throw new ItemsTakenMeanwhile();
  if (!sending) return "empty";
  await sendMail(await buildNoticeMail({ kind: request.kind, recipient, pending, dedupeKey, periodDate: request.periodDate }), tx);
  return "sent";
}

/** One message, its items read in its own transaction. */
function mailPending(request: MailRequest): Promise<MailOutcome> {
  return db.transaction(async (tx) => deliver(tx, request, (await pendingItems(clientOf(tx), [request]))[0]!));
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

const digestRequest = (job: DigestMailJob): MailRequest => ({
  userId: job.userId,
  kind: job.period,
  channel: { delivery: job.period },
  cutoff: new Date(job.cutoff),
  dedupeKey: digestKey(job),
  periodDate: job.periodDate,
});

// How old the batch's read may be when a message is built from it: visibility is decided at
// send time, so a message that waited longer (a slow mail server) reads its items again.
const FRESH_FOR_MS = 5_000;

/**
 * A batch of digests: the items of all its readers in one read, then each message in a
 * transaction of its own, `concurrency` at a time, so one refused message neither holds back
 * nor rolls back the others. A message whose items another took meanwhile, or whose turn came
 * too long after the read, is read again on its own.
 */
export async function sendDigestMails(jobs: DigestMailJob[], concurrency: number): Promise<PromiseSettledResult<MailOutcome>[]> {
  const requests = jobs.map(digestRequest);
  const readAt = Date.now();
  const pending = await pendingItems(db.$client, requests);
  return settleEach(requests, concurrency, async (request, i) => {
    if (Date.now() - readAt > FRESH_FOR_MS) return mailPending(request);
    try {
      return await db.transaction((tx) => deliver(tx, request, pending[i]!));
    } catch (error) {
      if (error instanceof ItemsTakenMeanwhile) return mailPending(request);
      throw error;
    }
  });
}

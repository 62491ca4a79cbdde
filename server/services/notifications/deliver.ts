import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/index";
import { notifications, type NoticeEventKind, type NotificationMatch } from "~/db/schema";
import { encodeSignals, NOTIFICATIONS_CHANNEL } from "./channel";

// Bounded statements: PostgreSQL takes at most 65,535 parameters, four per row here.
const ROWS_PER_INSERT = 2000;

export type InAppDelivery = {
  eventId: number;
  noticeId: string;
  kind: NoticeEventKind;
  userIds: string[];
  /** What matched each user, stored with their notification; the first one given for a user wins. */
  matches?: { userId: string; matched: NotificationMatch }[];
};

/**
 * Puts one notice event in the notification centre of each recipient and signals every app
 * instance, in the caller's transaction: PostgreSQL delivers NOTIFY only at commit, so a rolled-back
 * fan-out neither stores nor pushes anything. Idempotent: a retried fan-out inserts no second row
 * and signals only the users it actually added. Returns how many notifications were added.
 * The caller has already decided that each user may read the notice.
 *
 * Deliveries are serialised until their transaction ends, so call it late in the fan-out.
 */
export async function deliverInApp(tx: DbOrTx, delivery: InAppDelivery): Promise<number> {
  const userIds = [...new Set(delivery.userIds)];
  if (userIds.length === 0) return 0;
  const matched = new Map<string, NotificationMatch>();
  for (const m of delivery.matches ?? []) if (!matched.has(m.userId)) matched.set(m.userId, m.matched);
  // Notification ids must become visible in increasing order: a reconnecting client resumes with
  // "everything after the last id I saw", and a smaller id committed after a larger one would be
  // skipped for good. Holding one lock from taking ids until commit makes id order commit order.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('notifications', 0))`);
  const added: string[] = [];
  for (let i = 0; i < userIds.length; i += ROWS_PER_INSERT) {
    const rows = await tx
      .insert(notifications)
      .values(
        userIds
          .slice(i, i + ROWS_PER_INSERT)
          .map((userId) => ({ userId, noticeId: delivery.noticeId, eventId: delivery.eventId, kind: delivery.kind, matched: matched.get(userId) ?? null })),
      )
      .onConflictDoNothing({ target: [notifications.userId, notifications.eventId] })
      .returning({ userId: notifications.userId });
    added.push(...rows.map((row) => row.userId));
  }
  if (added.length === 0) return 0;
  const payloads = encodeSignals(added).map((payload) => sql`(${payload})`);
  await tx.execute(sql`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, p) FROM (VALUES ${sql.join(payloads, sql`, `)}) AS v(p)`);
  return added.length;
}

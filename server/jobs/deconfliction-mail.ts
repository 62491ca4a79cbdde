import { sql } from "drizzle-orm";
import { db } from "~/db/index";
import type { Locale } from "~/i18n/locales";
import { buildDeconflictionMail } from "~/server/email/deconfliction-mail";
import { messageIdFor } from "~/server/email/notice-mail";
import { sendMail } from "~/server/email/transport";
import type { DeconflictionMailJob } from "~/server/queue/catalogue";
import type { MailOutcome } from "./mail";

/**
 * One deconfliction message, at most once per event and user (its dedupe key taken in the same
 * transaction as the hand-over to SMTP, as for every mail). Not sent to a user or agency switched
 * off meanwhile.
 */
export function sendDeconflictionMail(job: DeconflictionMailJob): Promise<MailOutcome> {
  const dedupeKey = `deconfliction:${job.eventId}:${job.userId}`;
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ email: string; locale: Locale; active: boolean; notice_id: string }>(sql`
      SELECT users.email, users.locale, (users.status = 'active' AND agencies.active) AS active, e.notice_id
      FROM users JOIN agencies ON agencies.id = users.agency_id, notice_events e
      WHERE users.id = ${job.userId} AND e.id = ${job.eventId}`);
    const sending = Boolean(row?.active);
    const taken = await tx.execute(sql`
      INSERT INTO mail_deliveries (user_id, dedupe_key, message_id, item_count, sent_at)
      VALUES (${job.userId}, ${dedupeKey}, ${messageIdFor(dedupeKey)}, ${sending ? 1 : 0}, ${sending ? sql`now()` : null})
      ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`);
    if (!taken.length) return "duplicate";
    if (!row || !sending) return "empty";
    await sendMail(
      await buildDeconflictionMail({
        recipient: { userId: job.userId, email: row.email, locale: row.locale },
        step: job.step,
        noticeId: row.notice_id,
        dedupeKey,
      }),
      tx,
    );
    return "sent";
  });
}

import { db } from "~/db/index";
import { mailItems } from "~/db/schema";
import { env } from "~/env.js";
import { deliverInApp } from "~/server/services/notifications/deliver";
import { eventRecipients } from "~/server/services/subscriptions/recipients";
import { JOBS, type InstantMailJob } from "~/server/queue/catalogue";
import { enqueueMany } from "~/server/queue/enqueue";

/**
 * Fans one notice event out: every recipient's notification centre, and the email channels their
 * subscriptions ask for. One transaction, idempotent (unique rows, stately jobs), so a retry after
 * a crash adds nothing twice.
 */
export async function fanOut(eventId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await eventRecipients(tx, eventId);
    if (!found) return;
    const { noticeId, kind, recipients } = found;
    await deliverInApp(tx, { eventId, noticeId, kind, userIds: recipients.map((r) => r.userId), matches: recipients });

    const mailed = recipients.filter((r) => r.delivery !== "in_app" && (kind !== "moderated" || r.moderationEmails));
    if (!mailed.length) return;
    const added = await tx
      .insert(mailItems)
      .values(mailed.map((r) => ({ userId: r.userId, eventId, noticeId, subscriptionId: r.subscriptionId, delivery: r.delivery })))
      .onConflictDoNothing()
      .returning({ userId: mailItems.userId, delivery: mailItems.delivery });
    const category: InstantMailJob["category"] = kind === "moderated" ? "moderation" : "alerts";
    await enqueueMany(
      tx,
      added
        .filter((item) => item.delivery === "instant")
        .map((item) => ({
          name: JOBS.instantMail,
          data: { userId: item.userId, category },
          singletonKey: `${category}:${item.userId}`,
          startAfter: String(env.MAIL_BATCH_SECONDS),
        })),
    );
  });
}

import { sql } from "drizzle-orm";
import type { Tx } from "~/db/index";
import { noticeEvents, type NotificationMatch } from "~/db/schema";
import { PERMISSIONS } from "~/server/auth/permissions";
import { JOBS } from "~/server/queue/catalogue";
import { enqueueMany } from "~/server/queue/enqueue";
import { deliverInApp } from "~/server/services/notifications/deliver";
import { visibleToUsers } from "~/server/services/visibility";

export type Step = Extract<NotificationMatch, { via: "deconfliction" }>["step"];

/**
 * Tells the users given of a step of a deconfliction, in the caller's transaction: an event of the
 * notice they hear of (kind "deconfliction", never fanned out to subscribers), an in-app
 * notification each (read, like all, only while they may read that notice), and a mail job each.
 */
export async function tell(tx: Tx, input: { noticeId: string; userIds: string[]; step: Step; actorUserId: string }): Promise<void> {
  if (!input.userIds.length) return;
  const [event] = await tx
    .insert(noticeEvents)
    .values({ noticeId: input.noticeId, kind: "deconfliction", actorUserId: input.actorUserId })
    .returning({ id: noticeEvents.id });
  const eventId = event!.id;
  const matched: NotificationMatch = { via: "deconfliction", step: input.step };
  await deliverInApp(tx, {
    eventId,
    noticeId: input.noticeId,
    kind: "deconfliction",
    userIds: input.userIds,
    matches: input.userIds.map((userId) => ({ userId, matched })),
  });
  await enqueueMany(
    tx,
    input.userIds.map((userId) => ({ name: JOBS.deconflictionMail, data: { userId, eventId, step: input.step } })),
  );
}

const ANSWERING_ROLES = sql.join(
  PERMISSIONS["deconfliction.answer"].map((role) => sql`${role}`),
  sql`, `,
);

/** Who answers for a notice: the active analysts and chiefs of its agency who may read it. */
export async function holdersOf(tx: Tx, noticeId: string): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    SELECT users.id FROM notices
    JOIN users ON users.agency_id = notices.agency_id AND users.role IN (${ANSWERING_ROLES})
    JOIN agencies ON agencies.id = users.agency_id
    WHERE notices.id = ${noticeId} AND ${visibleToUsers()}`);
  return rows.map((r) => r.id);
}

import type { Tx } from "~/db/index";
import { noticeEvents, type NoticeEventKind } from "~/db/schema";
import { enqueue, JOBS } from "~/server/jobs/queue";

export type FanOutJob = { eventId: number };

/**
 * Records what happened to a notice and queues its fan-out (notification centre, email) in the
 * same transaction as the change itself: both commit, or neither does.
 */
export async function recordNoticeEvent(tx: Tx, event: { noticeId: string; kind: NoticeEventKind; actorUserId?: string | null }): Promise<void> {
  const [row] = await tx
    .insert(noticeEvents)
    .values({ noticeId: event.noticeId, kind: event.kind, actorUserId: event.actorUserId ?? null })
    .returning({ id: noticeEvents.id });
  await enqueue(tx, JOBS.fanOut, { eventId: row!.id } satisfies FanOutJob);
}

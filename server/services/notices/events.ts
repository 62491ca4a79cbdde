import { sql } from "drizzle-orm";
import type { Tx } from "~/db/index";
import { noticeEvents, type NoticeEventKind } from "~/db/schema";
import { JOBS } from "~/server/queue/catalogue";
import { enqueue } from "~/server/queue/enqueue";
import { NEW_NOTICES_CHANNEL } from "~/server/services/notifications/channel";

/**
 * Records what happened to a notice and queues its fan-out (notification centre, email) in the
 * same transaction as the change itself: both commit, or neither does. An event that names
 * another notice (the one linked, the duplicate merged in) says which, so that it reaches only
 * those who may know of both.
 */
export async function recordNoticeEvent(
  tx: Tx,
  event: { noticeId: string; kind: NoticeEventKind; mentionedNoticeId?: string; actorUserId?: string | null },
): Promise<void> {
  const [row] = await tx
    .insert(noticeEvents)
    .values({ noticeId: event.noticeId, kind: event.kind, mentionedNoticeId: event.mentionedNoticeId ?? null, actorUserId: event.actorUserId ?? null })
    .returning({ id: noticeEvents.id });
  await enqueue(tx, JOBS.fanOut, { eventId: row!.id });
  // Open feed pages recount what is new for them; PostgreSQL delivers the signal only at commit.
  if (event.kind === "published" || event.kind === "released") await tx.execute(sql`SELECT pg_notify(${NEW_NOTICES_CHANNEL}, '')`);
}

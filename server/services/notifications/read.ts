import { and, desc, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";
import { noticeEvents, notices, notifications } from "~/db/schema";
import { UNREAD_COUNT_CAP, type NotificationsPage } from "~/schemas/notifications";
import type { Locale } from "~/i18n/locales";
import type { Viewer } from "~/server/auth/sessions";
import { eventVisibleTo } from "~/server/services/visibility";
import { matchedNames } from "./matched";

const columns = (locale: Locale) => ({
  id: notifications.id,
  kind: notifications.kind,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
  matched: notifications.matched,
  matchedNames: matchedNames(locale),
  notice: { id: notices.id, kind: notices.kind, title: notices.title, tlp: notices.tlp, status: notices.status },
});

/**
 * Whether the viewer may still see a notification (joined with its notice): they may read the
 * notice (it may have been re-restricted, or the viewer moved agency since the fan-out) and know
 * of any other notice its event names (the one linked to it, the duplicate merged into it).
 */
export const readableBy = (viewer: Viewer) =>
  eventVisibleTo(viewer, sql`(SELECT ${noticeEvents.mentionedNoticeId} FROM ${noticeEvents} WHERE ${noticeEvents.id} = ${notifications.eventId})`);

// Every read of the viewer's notifications: joined to their notices, and only those the viewer may
// still see (`readableBy`) among the ones matching `where`.
const ofNotice = eq(notices.id, notifications.noticeId);
const readableOf = (viewer: Viewer, where?: SQL) => and(eq(notifications.userId, viewer.userId), readableBy(viewer), where);

/** The viewer's notifications matching `where` that they may still see. */
export function notificationsOf(viewer: Viewer, where?: SQL) {
  return db.select(columns(viewer.locale)).from(notifications).innerJoin(notices, ofNotice).where(readableOf(viewer, where));
}

export type NotificationItem = Awaited<ReturnType<typeof notificationsOf>>[number];

/** Ids of the viewer's notifications matching `where` that they may still see. */
export function readableIds(viewer: Viewer, where?: SQL) {
  return db.select({ id: notifications.id }).from(notifications).innerJoin(notices, ofNotice).where(readableOf(viewer, where));
}

/** Newest first, one page after the cursor. */
export async function listNotifications({ viewer, input }: { viewer: Viewer; input: NotificationsPage }) {
  const { limit } = input;
  const items = await notificationsOf(viewer, input.cursor === undefined ? undefined : lt(notifications.id, input.cursor))
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? page.at(-1)!.id : null };
}

const unreadOf = (viewer: Viewer) =>
  db
    .select({ one: sql`1` })
    .from(notifications)
    .innerJoin(notices, ofNotice)
    .where(readableOf(viewer, isNull(notifications.readAt)))
    .limit(UNREAD_COUNT_CAP);
const latestOf = (viewer: Viewer) => readableIds(viewer).orderBy(desc(notifications.id)).limit(1);

/** Unread and readable, counted up to UNREAD_COUNT_CAP. */
export async function countUnread({ viewer }: { viewer: Viewer }): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(unreadOf(viewer).as("unread"));
  return row?.count ?? 0;
}

/** The id of the viewer's newest notification they may still read (0: none): where a stream starts. */
export async function latestReadableId(viewer: Viewer): Promise<number> {
  const [row] = await latestOf(viewer);
  return row?.id ?? 0;
}

/**
 * What every signed-in page's header shows and where its stream starts, in one statement: the
 * unread count (as `countUnread`) and `latestReadableId`. Through the visibility rule, as every
 * read of notifications: the page carries the id, and one about a notice since hidden from the
 * viewer must leave no trace there.
 */
export async function bellState({ viewer }: { viewer: Viewer }): Promise<{ unread: number; latestId: number }> {
  const [row] = await db.execute<{ unread: number; latest_id: number | null }>(
    sql`SELECT (SELECT count(*)::int FROM (${unreadOf(viewer)}) AS unread) AS unread, (${latestOf(viewer)}) AS latest_id`,
  );
  return { unread: row?.unread ?? 0, latestId: Number(row?.latest_id ?? 0) };
}

import { eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { notifications } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { notFound } from "~/server/services/errors";
import { readableIds } from "./read";

// Read marks are the reader's own bookkeeping, not a change to shared data: like a session's
// last-seen time they are not written to the audit log, which would otherwise grow with every
// click on the bell.

/** Marks one of the viewer's notifications read; anyone else's, or one they may no longer read, is NOT_FOUND. */
export async function markNotificationRead({ viewer, input }: { viewer: Viewer; input: { id: number } }) {
  const [row] = await db
    .update(notifications)
    // An already read notification keeps the time it was first read.
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(inArray(notifications.id, readableIds(viewer, eq(notifications.id, input.id))))
    .returning({ id: notifications.id });
  if (!row) throw notFound();
  return { id: row.id };
}

/** Marks every unread notification the viewer may still read; returns how many. */
export async function markAllNotificationsRead({ viewer }: { viewer: Viewer }) {
  const marked = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(inArray(notifications.id, readableIds(viewer, isNull(notifications.readAt))))
    .returning({ id: notifications.id });
  return { marked: marked.length };
}

import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { noticePins, notices } from "~/db/schema";
import type { ZModerationDecision, ZPin } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { ServiceError } from "~/server/services/errors";
import { newestFirst } from "~/server/services/notices/feed";
import { summarySource, toPage } from "~/server/services/notices/summaries";
import { visibleTo } from "~/server/services/visibility";
import { assertStatus, recordDecision } from "./log";
import { lockForModeration } from "./scope";

// A handful at most: pins sit above every feed page.
const PINNED_MAX = 5;

/** Pins a published regional alert above every feed for `days` days, from now. */
export async function pinNotice({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZPin> }) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    assertStatus(notice, "pin");
    const period = { startsAt: sql`now()`, endsAt: sql`now() + make_interval(days => ${input.days})`, pinnedById: viewer.userId };
    const [pin] = await tx
      .insert(noticePins)
      .values({ noticeId: notice.id, ...period })
      .onConflictDoUpdate({ target: noticePins.noticeId, set: period })
      .returning({ endsAt: noticePins.endsAt });
    await recordDecision(tx, viewer, { notice, action: "pin", reason: input.reason, details: { days: input.days } });
    return { id: notice.id, endsAt: pin!.endsAt };
  });
}

export async function unpinNotice({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZModerationDecision> }) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    const [removed] = await tx.delete(noticePins).where(eq(noticePins.noticeId, notice.id)).returning();
    if (!removed) throw new ServiceError("CONFLICT", "notPinned");
    await recordDecision(tx, viewer, { notice, action: "unpin", reason: input.reason });
    return { id: notice.id };
  });
}

/** The pinned alerts the viewer may read, as feed lines, most recently pinned first. */
export async function pinnedNotices({ viewer }: { viewer: Viewer }) {
  const rows = await summarySource(viewer.locale)
    .innerJoin(noticePins, eq(noticePins.noticeId, notices.id))
    .where(and(eq(notices.status, "published"), sql`now() BETWEEN ${noticePins.startsAt} AND ${noticePins.endsAt}`, visibleTo(viewer)))
    .orderBy(desc(noticePins.startsAt), ...newestFirst(notices.publishedAt))
    .limit(PINNED_MAX);
  return (await toPage(viewer, rows, PINNED_MAX, (row) => row.publishedAt)).items;
}

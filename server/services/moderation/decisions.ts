import { eq, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { recordNoticeEvent } from "~/server/services/notices/events";
import { assertStatus, recordDecision } from "./log";
import { lockForModeration } from "./scope";

type Args = { viewer: Viewer; input: { id: string; reason: string } };

/** A notice held for review is published: from now on its readers are those of its marking. */
export async function approveNotice({ viewer, input }: Args) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    assertStatus(notice, "approve");
    await tx
      .update(notices)
      .set({ status: "published", publishedAt: sql`now()` })
      .where(eq(notices.id, notice.id));
    await recordDecision(tx, viewer, { notice, action: "approve", reason: input.reason });
    await recordNoticeEvent(tx, { noticeId: notice.id, kind: "published", actorUserId: viewer.userId });
    return { id: notice.id, status: "published" as const };
  });
}

/**
 * Back to the author with the coordinator's comments. A published notice leaves every reader's
 * view until the author's corrected version is approved.
 */
export async function requestChanges({ viewer, input }: Args) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    assertStatus(notice, "requestChanges");
    await tx.update(notices).set({ status: "changes_requested" }).where(eq(notices.id, notice.id));
    await recordDecision(tx, viewer, { notice, action: "request_changes", reason: input.reason, details: { from: notice.status } });
    if (notice.status === "published") await recordNoticeEvent(tx, { noticeId: notice.id, kind: "moderated", actorUserId: viewer.userId });
    return { id: notice.id, status: "changes_requested" as const };
  });
}

/** Refused for good: the author keeps it, with the reason; nobody else ever sees it. */
export async function rejectNotice({ viewer, input }: Args) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    assertStatus(notice, "reject");
    await tx.update(notices).set({ status: "rejected" }).where(eq(notices.id, notice.id));
    await recordDecision(tx, viewer, { notice, action: "reject", reason: input.reason });
    return { id: notice.id, status: "rejected" as const };
  });
}

/** Leaves the feed, stays readable with the reason by those who could read it, for the record. */
export async function retractByModerator({ viewer, input }: Args) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    assertStatus(notice, "retractByModerator");
    await tx
      .update(notices)
      .set({ status: "retracted", retractedAt: sql`now()`, retractedReason: input.reason })
      .where(eq(notices.id, notice.id));
    await recordDecision(tx, viewer, { notice, action: "retract", reason: input.reason });
    await recordNoticeEvent(tx, { noticeId: notice.id, kind: "retracted", actorUserId: viewer.userId });
    return { id: notice.id, status: "retracted" as const };
  });
}

/** The reports were looked into and nothing needs to change. */
export async function dismissReports({ viewer, input }: Args) {
  return db.transaction(async (tx) => {
    const notice = await lockForModeration(tx, viewer, input.id);
    await recordDecision(tx, viewer, { notice, action: "dismiss", reason: input.reason });
    return { id: notice.id, status: notice.status };
  });
}

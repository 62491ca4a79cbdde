import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import { agencies, notices } from "~/db/schema";
import type { NoticeInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";
import { waitsForReview } from "~/server/services/moderation/pre-moderation";
import { recordNoticeEvent } from "./events";
import { leaves, STEPS } from "~/schemas/notice-lifecycle";
import { statusIn } from "./status-in";

// The steps of the author and the originating agency on an existing notice (submit, release,
// retract), which of them a status allows being `schemas/notice-lifecycle.ts`'s to say; and the
// two things create and edit share with them: where a submitted notice goes, and who may change it.

/**
 * Where a new (or newly submitted) notice goes: analysts of an agency that requires a chief's
 * release wait for one; RED notices never do, since a chief is not among their readers.
 */
export async function submittedStatus(tx: Tx, viewer: Viewer, tlp: NoticeInput["tlp"]): Promise<"pending_release" | "pending_review" | "published"> {
  if (tlp !== "red" && !viewer.permissions.has("notice.release")) {
    const [agency] = await tx.select({ requiresRelease: agencies.requiresRelease }).from(agencies).where(eq(agencies.id, viewer.agencyId));
    if (agency?.requiresRelease) return "pending_release";
  }
  // Then, for pre-moderated authors and agencies, a coordinator's approval.
  return (await waitsForReview(tx, viewer.userId, tlp)) ? "pending_review" : "published";
}

/**
 * The notice if the viewer may change it: visible to them, not retracted, and theirs or their
 * agency's. Invisible is NOT_FOUND; visible but someone else's is FORBIDDEN.
 */
export async function editableNotice(tx: Tx, viewer: Viewer, id: string) {
  const [row] = await tx
    .select({
      id: notices.id,
      version: notices.version,
      status: notices.status,
      kind: notices.kind,
      tlp: notices.tlp,
      agencyId: notices.agencyId,
      authorId: notices.authorId,
    })
    .from(notices)
    .where(and(eq(notices.id, id), visibleTo(viewer)))
    .for("update");
  if (!row) throw notFound();
  if (row.authorId !== viewer.userId && row.agencyId !== viewer.agencyId) throw new ServiceError("FORBIDDEN", "notYourNotice");
  // Closed for the record: retracted by its agency, or decided by moderation for good (a rejected
  // notice stays as refused, a merged one lives on in its survivor).
  if (!leaves("edit", row.status)) throw new ServiceError("CONFLICT", row.status === "retracted" ? "noticeRetracted" : "noticeClosedByModeration");
  return row;
}

/** Submits a draft: published, or waiting for a chief where the agency requires it. */
export async function submitDraft({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const current = await editableNotice(tx, viewer, input.id);
    if (!leaves("submit", current.status)) throw new ServiceError("CONFLICT", "notADraft");
    const status = await submittedStatus(tx, viewer, current.tlp);
    await tx
      .update(notices)
      .set({ status, publishedAt: status === "published" ? sql`now()` : null })
      .where(eq(notices.id, input.id));
    await audit(tx, { action: "notice.submit", actor: viewer, target: { type: "notice", id: input.id }, details: { status } });
    if (status === "published") await recordNoticeEvent(tx, { noticeId: input.id, kind: "published", actorUserId: viewer.userId });
    return { id: input.id, status };
  });
}

/** A chief of the originating agency releases a notice that waits for release. */
export async function releaseNotice({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ authorId: notices.authorId, tlp: notices.tlp })
      .from(notices)
      .where(and(eq(notices.id, input.id), statusIn(notices.status, STEPS.release.from), eq(notices.agencyId, viewer.agencyId), visibleTo(viewer)))
      .for("update");
    if (!row) throw notFound();
    // Released by its agency, a pre-moderated author's notice still waits for a coordinator.
    const status = (await waitsForReview(tx, row.authorId, row.tlp)) ? "pending_review" : "published";
    await tx
      .update(notices)
      .set({ status, publishedAt: status === "published" ? sql`now()` : null, releasedById: viewer.userId })
      .where(eq(notices.id, input.id));
    await audit(tx, { action: "notice.release", actor: viewer, target: { type: "notice", id: input.id }, details: { status } });
    if (status === "published") await recordNoticeEvent(tx, { noticeId: input.id, kind: "released", actorUserId: viewer.userId });
    return { id: input.id, status };
  });
}

export async function retractNotice({ viewer, input }: { viewer: Viewer; input: { id: string; reason: string } }) {
  return db.transaction(async (tx) => {
    const current = await editableNotice(tx, viewer, input.id);
    if (!leaves("retract", current.status)) throw new ServiceError("CONFLICT", "notPublished");
    await tx
      .update(notices)
      .set({ status: "retracted", retractedAt: sql`now()`, retractedReason: input.reason })
      .where(eq(notices.id, input.id));
    await audit(tx, { action: "notice.retract", actor: viewer, target: { type: "notice", id: input.id }, details: { reason: input.reason } });
    await recordNoticeEvent(tx, { noticeId: input.id, kind: "retracted", actorUserId: viewer.userId });
    return { id: input.id, status: "retracted" as const };
  });
}

import { and, eq, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { notices, noticeVersions } from "~/db/schema";
import type { NoticeStatus } from "~/schemas/notice-enums";
import type { NoticeInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { ServiceError } from "~/server/services/errors";
import { recordNoticeEvent } from "./events";
import { editableNotice, submittedStatus } from "./steps";
import { commonColumns, writeParts } from "./write-parts";
import { checkReferences, invalid } from "./write-references";
import { loadSnapshot } from "./snapshot";
import { submissionDigest } from "./submission-digest";

// Creating a notice (once per idempotency key) and editing it (against its version, kept in the
// version history). What a notice names is checked in write-references.ts, what it is made of
// is write-parts.ts; the steps after, steps.ts.

/**
 * A retry of a create that already happened answers with that notice, changing nothing; the same
 * key with other content is not a retry (a form restored from this device after its notice was
 * sent, then edited), and is refused rather than answered with a notice that is not what was sent.
 */
function earlierSubmission(earlier: { id: string; status: NoticeStatus; digest: string | null }, digest: string) {
  // No digest: created before there were any (migration 0016); taken as the same submission.
  if (earlier.digest !== null && earlier.digest !== digest) throw new ServiceError("CONFLICT", "idempotencyKeyReused");
  return { id: earlier.id, status: earlier.status, created: false };
}

export async function createNotice({ viewer, input }: { viewer: Viewer; input: { idempotencyKey: string; asDraft: boolean; notice: NoticeInput } }) {
  const digest = submissionDigest({ asDraft: input.asDraft, notice: input.notice });
  const sameKey = and(eq(notices.authorId, viewer.userId), eq(notices.idempotencyKey, input.idempotencyKey));
  const submitted = { id: notices.id, status: notices.status, digest: notices.idempotencyDigest };
  return db.transaction(async (tx) => {
    const [earlier] = await tx.select(submitted).from(notices).where(sameKey);
    if (earlier) return earlierSubmission(earlier, digest);

    const { notice } = input;
    const { countryCode } = await checkReferences(tx, notice);
    const status = input.asDraft ? "draft" : await submittedStatus(tx, viewer, notice.tlp);
    const inserted = await tx
      .insert(notices)
      .values({
        ...commonColumns(viewer, notice, countryCode),
        allowDeconfliction: notice.allowDeconfliction,
        agencyId: viewer.agencyId,
        authorId: viewer.userId,
        status,
        publishedAt: status === "published" ? sql`now()` : null,
        idempotencyKey: input.idempotencyKey,
        idempotencyDigest: digest,
      })
      .onConflictDoNothing({ target: [notices.authorId, notices.idempotencyKey] })
      .returning({ id: notices.id, status: notices.status });
    const row = inserted[0];
    // Lost a race with a concurrent retry of the same submission: that one's notice stands.
    if (!row) {
      const [winner] = await tx.select(submitted).from(notices).where(sameKey);
      return earlierSubmission(winner!, digest);
    }
    await writeParts(tx, row.id, notice, false, countryCode);
    await audit(tx, {
      action: "notice.create",
      actor: viewer,
      target: { type: "notice", id: row.id },
      details: { kind: notice.kind, tlp: notice.tlp, status },
    });
    if (status === "published") await recordNoticeEvent(tx, { noticeId: row.id, kind: "published", actorUserId: viewer.userId });
    return { ...row, created: true };
  });
}

export async function updateNotice({ viewer, input }: { viewer: Viewer; input: { id: string; version: number; notice: NoticeInput } }) {
  return db.transaction(async (tx) => {
    const current = await editableNotice(tx, viewer, input.id);
    if (current.version !== input.version) throw new ServiceError("CONFLICT", "versionConflict");
    if (current.kind !== input.notice.kind) throw invalid("kind", "kindChange");
    const before: Record<string, unknown> = await loadSnapshot(tx, input.id);
    const { countryCode } = await checkReferences(tx, input.notice);
    // Anything but a draft goes where a new notice with the new content would: an analyst's edit
    // in an agency that requires release waits for a chief again, so no unreleased text reaches
    // other agencies; made RED, it cannot wait for a chief, who is not among its readers.
    // A notice sent back by a coordinator (or still waiting for one) goes back to them, whoever wrote it.
    const underReview = (current.status === "changes_requested" || current.status === "pending_review") && input.notice.tlp !== "red";
    const status = current.status === "draft" ? "draft" : underReview ? "pending_review" : await submittedStatus(tx, viewer, input.notice.tlp);
    await tx
      .update(notices)
      .set({
        ...commonColumns(viewer, input.notice, countryCode),
        allowDeconfliction: input.notice.allowDeconfliction,
        ...(status === current.status ? {} : { status, publishedAt: status === "published" ? sql`now()` : null }),
        version: sql`${notices.version} + 1`,
      })
      .where(eq(notices.id, input.id));
    await writeParts(tx, input.id, input.notice, true, countryCode);
    const after: Record<string, unknown> = await loadSnapshot(tx, input.id);
    const changedFields = Object.keys(after).filter((key) => !UNVERSIONED.has(key) && JSON.stringify(after[key]) !== JSON.stringify(before[key]));
    await tx.insert(noticeVersions).values({ noticeId: input.id, version: current.version, snapshot: before, changedFields, editedById: viewer.userId });
    await audit(tx, {
      action: "notice.edit",
      actor: viewer,
      target: { type: "notice", id: input.id },
      details: { version: current.version + 1, changedFields },
    });
    if (status !== "draft") await recordNoticeEvent(tx, { noticeId: input.id, kind: "edited", actorUserId: viewer.userId });
    return { id: input.id, version: current.version + 1, changedFields };
  });
}

const UNVERSIONED = new Set(["version", "updatedAt", "createdAt", "status", "publishedAt", "retractedAt", "retractedReason"]);

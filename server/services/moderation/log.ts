import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, type Tx } from "~/db/index";
import { agencies, moderationActions, noticeReports, notices, users } from "~/db/schema";
import type { ModerationAction } from "~/schemas/moderation-enums";
import type { ZModerationLog } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { ServiceError } from "~/server/services/errors";
import { namedNotices } from "~/server/services/named-notices";
import { allKnownTo, visibleTo } from "~/server/services/visibility";
import { leaves, type StepName } from "~/schemas/notice-lifecycle";
import type { ModeratedNotice } from "./scope";

type Decision = {
  notice: Pick<ModeratedNotice, "id" | "agencyId">;
  action: ModerationAction;
  reason: string;
  // What the agency concerned may read about the decision; never a redacted original.
  details?: Record<string, unknown>;
  // Only for the audit log; its trail shows a redacted original to the notice's own agency alone.
  auditDetails?: Record<string, unknown>;
};

/**
 * Writes a decision to the moderation log (read by the agency concerned) and to the audit trail,
 * in the transaction of the change, and closes the open reports it answers.
 */
export async function recordDecision(tx: Tx, viewer: Viewer, decision: Decision): Promise<void> {
  const details = decision.details ?? {};
  await tx.insert(moderationActions).values({
    noticeId: decision.notice.id,
    agencyId: decision.notice.agencyId,
    actorId: viewer.userId,
    action: decision.action,
    reason: decision.reason,
    details,
  });
  if (decision.action !== "pin" && decision.action !== "unpin") {
    await tx
      .update(noticeReports)
      .set({ status: "resolved", resolvedById: viewer.userId, resolvedAt: sql`now()` })
      .where(and(eq(noticeReports.noticeId, decision.notice.id), eq(noticeReports.status, "open")));
  }
  await audit(tx, {
    action: `moderation.${decision.action}`,
    actor: viewer,
    target: { type: "notice", id: decision.notice.id },
    details: { reason: decision.reason, ...details, ...decision.auditDetails },
  });
}

/** A decision only applies to a notice in a status its step leaves (`lifecycle.ts`). */
export function assertStatus(notice: ModeratedNotice, step: StepName): void {
  if (!leaves(step, notice.status)) throw new ServiceError("CONFLICT", "wrongStatusForDecision");
}

/**
 * The moderation log, newest first: coordinators read every decision; anyone else the decisions
 * on their own agency's notices that they may read (a colleague's RED notice stays theirs). A
 * decision that also names a notice the viewer may not know of (a merge's duplicate) shows its
 * action, actor and time only: its reason and details may speak of that notice.
 */
export async function moderationLog({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZModerationLog> }) {
  const scope = viewer.permissions.has("moderation.review") ? visibleTo(viewer) : and(eq(moderationActions.agencyId, viewer.agencyId), visibleTo(viewer));
  const rows = await db
    .select({
      id: moderationActions.id,
      at: moderationActions.createdAt,
      action: moderationActions.action,
      reason: moderationActions.reason,
      details: moderationActions.details,
      notice: { id: notices.id, title: notices.title, status: notices.status },
      agency: { id: agencies.id, shortName: agencies.shortName },
      actor: users.name,
      known: sql<boolean>`${allKnownTo(viewer, namedNotices(sql`NULL`, moderationActions.details))}`,
    })
    .from(moderationActions)
    .innerJoin(notices, eq(notices.id, moderationActions.noticeId))
    .innerJoin(agencies, eq(agencies.id, moderationActions.agencyId))
    .innerJoin(users, eq(users.id, moderationActions.actorId))
    .where(
      and(
        scope,
        input.noticeId ? eq(moderationActions.noticeId, input.noticeId) : undefined,
        input.cursor ? lt(moderationActions.id, Number(input.cursor)) : undefined,
      ),
    )
    .orderBy(desc(moderationActions.id))
    .limit(input.limit + 1);
  const items = rows
    .slice(0, input.limit)
    .map(({ known, ...row }) => (known ? { ...row, withheld: false } : { ...row, reason: null, details: {}, withheld: true }));
  return { items, nextCursor: rows.length > input.limit ? String(items.at(-1)!.id) : null };
}

import { sql } from "drizzle-orm";
import { db } from "~/db/index";
import { deconflictionRequests, entities } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { targetsOf } from "./held";
import { holdersOf, tell } from "./tell";

/**
 * How many requests an agency may open in a day: asking is cheap for the asker and costs the
 * holders' time. Counted in PostgreSQL, under a lock per agency, like every budget of the app.
 */
export const DAILY_REQUESTS_PER_AGENCY = 30;

/**
 * "Request it": one request per hidden, marked notice that names the entity (held.ts), each told to
 * its holding agency in-app and by mail. The requester learns nothing of how many, or whose: the
 * answer is the same "sent" for one or several, and for a resent form (an open request per agency,
 * entity and notice already stands, so nothing is added or told again). NOT_FOUND when the viewer's
 * readable notices do not name the entity, or nothing is held: exactly when no hint was shown.
 * The requester's audit entry names the entity, never a notice.
 */
export async function requestDeconfliction({ viewer, input }: { viewer: Viewer; input: { entityId: string; fromNoticeId?: string; message: string } }) {
  return db.transaction(async (tx) => {
    const targets = await targetsOf(tx, viewer, input);
    if (!targets.length) throw notFound();
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`deconfliction:${viewer.agencyId}`}, 0))`);
    const [spent] = await tx.execute<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM ${deconflictionRequests} WHERE requester_agency_id = ${viewer.agencyId} AND created_at > now() - interval '1 day'`,
    );
    const added = await tx
      .insert(deconflictionRequests)
      .values(
        targets.map((t) => ({
          noticeId: t.notice_id,
          entityId: input.entityId,
          requesterAgencyId: viewer.agencyId,
          requesterId: viewer.userId,
          fromNoticeId: t.from_notice_id,
          message: input.message,
        })),
      )
      .onConflictDoNothing({
        target: [deconflictionRequests.noticeId, deconflictionRequests.entityId, deconflictionRequests.requesterAgencyId],
        where: sql`status = 'open'`,
      })
      .returning({ id: deconflictionRequests.id, noticeId: deconflictionRequests.noticeId });
    if (!added.length) return { sent: true };
    if ((spent?.count ?? 0) + added.length > DAILY_REQUESTS_PER_AGENCY) throw new ServiceError("CONFLICT", "deconflictionBudget");
    const [entity] = await tx
      .select({ kind: entities.kind })
      .from(entities)
      .where(sql`${entities.id} = ${input.entityId}`);
    await audit(tx, {
      action: "deconfliction.request",
      actor: viewer,
      target: { type: "entity", id: input.entityId },
      details: { entityKind: entity!.kind, requesterAgencyId: viewer.agencyId },
    });
    for (const request of added) {
      const holder = targets.find((t) => t.notice_id === request.noticeId)!;
      await audit(tx, {
        action: "deconfliction.receive",
        actor: viewer,
        target: { type: "notice", id: request.noticeId },
        details: { requestId: request.id, entityKind: entity!.kind, requesterAgencyId: viewer.agencyId, holderAgencyId: holder.agency_id },
      });
      await tell(tx, { noticeId: request.noticeId, userIds: await holdersOf(tx, request.noticeId), step: "requested", actorUserId: viewer.userId });
    }
    return { sent: true };
  });
}

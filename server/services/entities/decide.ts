import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { entities, entityDecisions, entityMentions, notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";

/**
 * An analyst's word on two entities of one kind: the same (they then correlate with full
 * confidence) or not (their alike names no longer correlate). Both must be named in notices the
 * analyst may read, else NOT_FOUND, as for an id that names nothing. The decision and its audit
 * entry are one transaction; a later decision on the pair replaces it.
 */
export async function decideEntities({ viewer, input }: { viewer: Viewer; input: { id: string; otherId: string; same: boolean } }) {
  if (input.id === input.otherId) throw new ServiceError("INVALID", "sameEntity", "otherId");
  return db.transaction(async (tx) => {
    const readable = await tx
      .selectDistinct({ id: entities.id, kind: entities.kind })
      .from(entities)
      .innerJoin(entityMentions, eq(entityMentions.entityId, entities.id))
      .innerJoin(notices, eq(notices.id, entityMentions.noticeId))
      .where(and(inArray(entities.id, [input.id, input.otherId]), visibleTo(viewer)));
    if (readable.length !== 2) throw notFound();
    if (readable[0]!.kind !== readable[1]!.kind) throw new ServiceError("INVALID", "entityKindsDiffer", "otherId");
    const [entityA, entityB] = [input.id, input.otherId].sort() as [string, string];
    await tx
      .insert(entityDecisions)
      .values({ entityA, entityB, same: input.same, decidedById: viewer.userId })
      .onConflictDoUpdate({
        target: [entityDecisions.entityA, entityDecisions.entityB],
        set: { same: input.same, decidedById: viewer.userId, updatedAt: sql`now()` },
      });
    await audit(tx, {
      action: input.same ? "entity.confirm" : "entity.split",
      actor: viewer,
      target: { type: "entity", id: input.id },
      details: { otherEntityId: input.otherId, kind: readable[0]!.kind },
    });
    return { id: input.id, otherId: input.otherId, same: input.same };
  });
}

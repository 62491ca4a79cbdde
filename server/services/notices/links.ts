import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import { noticeLinks, notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";
import { recordNoticeEvent } from "./events";
import { linkPair } from "./link-pair";

// "Related to" links between two notices, which the viewer must be able to read both of.

/** The ids among `ids` that the viewer may read. */
async function visibleIds(tx: Tx, viewer: Viewer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ id: notices.id })
    .from(notices)
    .where(and(inArray(notices.id, ids), visibleTo(viewer)));
  return new Set(rows.map((r) => r.id));
}

/** Links two notices as related; the viewer must be able to read both. */
export async function linkNotices({ viewer, input }: { viewer: Viewer; input: { id: string; otherId: string } }) {
  if (input.id === input.otherId) throw new ServiceError("INVALID", "linkToSelf", "otherId");
  return db.transaction(async (tx) => {
    const visible = await visibleIds(tx, viewer, [input.id, input.otherId]);
    if (visible.size !== 2) throw notFound();
    const pair = linkPair(input.id, input.otherId);
    const [row] = await tx
      .insert(noticeLinks)
      .values({ ...pair, createdById: viewer.userId })
      .onConflictDoNothing()
      .returning();
    if (row) {
      await audit(tx, { action: "notice.link", actor: viewer, target: { type: "notice", id: input.id }, details: { otherId: input.otherId } });
      // Watchers of either notice learn of the new relation.
      for (const [noticeId, mentionedNoticeId] of [
        [input.id, input.otherId],
        [input.otherId, input.id],
      ] as const) {
        await recordNoticeEvent(tx, { noticeId, kind: "linked", mentionedNoticeId, actorUserId: viewer.userId });
      }
    }
    return { linked: true };
  });
}

export async function unlinkNotices({ viewer, input }: { viewer: Viewer; input: { id: string; otherId: string } }) {
  return db.transaction(async (tx) => {
    const visible = await visibleIds(tx, viewer, [input.id, input.otherId]);
    if (visible.size !== 2) throw notFound();
    const pair = linkPair(input.id, input.otherId);
    const [row] = await tx
      .delete(noticeLinks)
      .where(and(eq(noticeLinks.noticeA, pair.noticeA), eq(noticeLinks.noticeB, pair.noticeB)))
      .returning();
    if (!row) throw notFound();
    await audit(tx, { action: "notice.unlink", actor: viewer, target: { type: "notice", id: input.id }, details: { otherId: input.otherId } });
    return { linked: false };
  });
}

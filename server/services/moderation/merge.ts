import { and, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { db, type Tx } from "~/db/index";
import { agencies, noticeCredits, noticeLinks, noticePins, noticeRedirects, notices, subscriptions, users } from "~/db/schema";
import type { ZMerge } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { ServiceError } from "~/server/services/errors";
import { recordNoticeEvent } from "~/server/services/notices/events";
import { linkPair } from "~/server/services/notices/link-pair";
import { knownTo, visibleTo, visibleToUsers } from "~/server/services/visibility";
import { assertStatus, recordDecision } from "./log";
import { lockForModeration } from "./scope";

/** Which of `userIds` may read the notice: the visibility rule in its form for many users. */
async function readersOf(tx: Tx, noticeId: string, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .innerJoin(notices, and(eq(notices.id, noticeId), visibleToUsers()))
    .where(inArray(users.id, userIds));
  return new Set(rows.map((row) => row.id));
}

/** The survivor may answer to fewer readers than the duplicate: a watch moves only for those who can read it. */
async function carryOverWatches(tx: Tx, duplicateId: string, survivorId: string): Promise<number> {
  const watches = await tx.delete(subscriptions).where(eq(subscriptions.noticeId, duplicateId)).returning();
  const readers = await readersOf(tx, survivorId, [...new Set(watches.map((w) => w.userId))]);
  const moving = watches
    .filter((w) => readers.has(w.userId))
    .map(({ id: _id, createdAt: _c, updatedAt: _u, ...watch }) => ({ ...watch, noticeId: survivorId }));
  if (!moving.length) return 0;
  return (await tx.insert(subscriptions).values(moving).onConflictDoNothing().returning({ id: subscriptions.id })).length;
}

/**
 * Two agencies reported one event: the duplicate is folded into the surviving notice, which
 * credits both agencies and takes over the duplicate's links and watches; the duplicate leaves every view and
 * its address leads to the survivor. Nothing becomes readable by anyone who could not read it
 * before: the survivor's marking and release lists stay as they are, and the merge is refused
 * when the duplicate's author could not read the survivor (they would lose their own report).
 */
export async function mergeNotices({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZMerge> }) {
  return db.transaction(async (tx) => {
    // Locked in id order, so two coordinators merging the same pair both ways cannot deadlock.
    const [first, second] = [input.id, input.duplicateId].sort();
    const locked = [await lockForModeration(tx, viewer, first!), await lockForModeration(tx, viewer, second!)];
    const survivor = locked.find((n) => n.id === input.id)!;
    const duplicate = locked.find((n) => n.id === input.duplicateId)!;
    assertStatus(survivor, "mergeSurvivor");
    assertStatus(duplicate, "mergeDuplicate");
    if (survivor.kind !== duplicate.kind) throw new ServiceError("INVALID", "mergeKindMismatch", "duplicateId");
    if (!(await readersOf(tx, survivor.id, [duplicate.authorId])).has(duplicate.authorId)) {
      throw new ServiceError("CONFLICT", "mergeWouldHide", "duplicateId");
    }

    const credited = [
      duplicate.agencyId,
      ...(await tx.select({ id: noticeCredits.agencyId }).from(noticeCredits).where(eq(noticeCredits.noticeId, duplicate.id))).map((c) => c.id),
    ];
    const newCredits = [...new Set(credited)].filter((agencyId) => agencyId !== survivor.agencyId);
    if (newCredits.length)
      await tx
        .insert(noticeCredits)
        .values(newCredits.map((agencyId) => ({ noticeId: survivor.id, agencyId })))
        .onConflictDoNothing();

    const links = await tx
      .delete(noticeLinks)
      .where(or(eq(noticeLinks.noticeA, duplicate.id), eq(noticeLinks.noticeB, duplicate.id)))
      .returning();
    const carried = links
      .map((link) => ({ other: link.noticeA === duplicate.id ? link.noticeB : link.noticeA, createdById: link.createdById }))
      .filter((link) => link.other !== survivor.id)
      .map((link) => ({ ...linkPair(survivor.id, link.other), createdById: link.createdById }));
    if (carried.length) await tx.insert(noticeLinks).values(carried).onConflictDoNothing();

    await tx.delete(noticePins).where(eq(noticePins.noticeId, duplicate.id));
    await tx.update(noticeRedirects).set({ toNoticeId: survivor.id }).where(eq(noticeRedirects.toNoticeId, duplicate.id));
    await tx.insert(noticeRedirects).values({ fromNoticeId: duplicate.id, toNoticeId: survivor.id });
    await tx.update(notices).set({ status: "merged" }).where(eq(notices.id, duplicate.id));
    const watchesCarried = await carryOverWatches(tx, duplicate.id, survivor.id);

    const details = { survivorId: survivor.id, duplicateId: duplicate.id, linksCarried: carried.length, watchesCarried };
    await recordDecision(tx, viewer, { notice: duplicate, action: "merge", reason: input.reason, details });
    await recordDecision(tx, viewer, { notice: survivor, action: "merge", reason: input.reason, details });
    await recordNoticeEvent(tx, { noticeId: survivor.id, kind: "moderated", mentionedNoticeId: duplicate.id, actorUserId: viewer.userId });
    return details;
  });
}

const merged = alias(notices, "merged");

/**
 * Where a merged-away notice now lives: only for a viewer who could read it before the merge
 * and may read the survivor. Anyone else is told it does not exist, as for any notice they may
 * not read, rather than learn from the redirect that it did.
 */
export async function redirectFor({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  const [row] = await db
    .select({ id: notices.id })
    .from(noticeRedirects)
    .innerJoin(merged, eq(merged.id, noticeRedirects.fromNoticeId))
    .innerJoin(notices, eq(notices.id, noticeRedirects.toNoticeId))
    .where(and(eq(noticeRedirects.fromNoticeId, input.id), knownTo(viewer, merged), visibleTo(viewer)));
  return { id: row?.id ?? null };
}

/** The agencies a notice credits besides its originator (reporters of duplicates merged into it). */
export async function creditsFor({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db
    .select({ id: agencies.id, shortName: agencies.shortName, name: { en: agencies.nameEn, ru: agencies.nameRu, zh: agencies.nameZh } })
    .from(noticeCredits)
    .innerJoin(notices, eq(notices.id, noticeCredits.noticeId))
    .innerJoin(agencies, eq(agencies.id, noticeCredits.agencyId))
    .where(and(eq(noticeCredits.noticeId, input.id), visibleTo(viewer)))
    .orderBy(agencies.shortName);
}

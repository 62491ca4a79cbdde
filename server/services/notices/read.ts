import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { agencies, auditLog, noticeLinks, notices, noticeVersions, users } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";
import { stepsFor } from "~/schemas/notice-lifecycle";
import { loadSnapshot } from "./snapshot";

// Reads of these markings are written to the audit log, and the originating agency can see them.
const AUDITED_READS = new Set(["amber", "amber_strict", "red"]);

const linked = alias(notices, "linked");

/** The notice as its reader sees it, or NOT_FOUND when it does not exist for them. */
export async function getNotice({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notices.id, tlp: notices.tlp, agencyId: notices.agencyId, authorId: notices.authorId, status: notices.status })
      .from(notices)
      .where(and(eq(notices.id, input.id), visibleTo(viewer)));
    if (!row) throw notFound();

    const [snapshot, links, versions] = await Promise.all([
      loadSnapshot(tx, row.id),
      // Only links whose other end the viewer may read: a link must not reveal that a notice exists.
      tx
        .select({ id: linked.id, kind: linked.kind, title: linked.title, tlp: linked.tlp, status: linked.status, occurredOn: linked.occurredOn })
        .from(noticeLinks)
        .innerJoin(
          linked,
          or(
            and(eq(noticeLinks.noticeA, row.id), eq(linked.id, noticeLinks.noticeB)),
            and(eq(noticeLinks.noticeB, row.id), eq(linked.id, noticeLinks.noticeA)),
          ),
        )
        .where(visibleTo(viewer, linked))
        .orderBy(desc(linked.occurredOn)),
      tx
        .select({ version: noticeVersions.version, changedFields: noticeVersions.changedFields, editedAt: noticeVersions.createdAt, editor: users.name })
        .from(noticeVersions)
        .innerJoin(users, eq(users.id, noticeVersions.editedById))
        .where(eq(noticeVersions.noticeId, row.id))
        .orderBy(asc(noticeVersions.version)),
    ]);

    if (AUDITED_READS.has(row.tlp)) {
      await audit(tx, { action: "notice.read", actor: viewer, target: { type: "notice", id: row.id }, details: { tlp: row.tlp } });
    }
    const own = row.authorId === viewer.userId || row.agencyId === viewer.agencyId;
    return {
      notice: snapshot,
      links,
      versions,
      can: {
        ...stepsFor(viewer, row),
        link: viewer.permissions.has("notice.link"),
        pastVersions: own,
        readLog: (row.agencyId === viewer.agencyId && viewer.permissions.has("notice.read_log")) || viewer.permissions.has("notice.read_region"),
      },
    };
  });
}

/**
 * The earlier wording of a notice (as it was before edit `version`). Every reader sees THAT it
 * was edited and which fields changed; the old values only the author and the originating
 * agency, because an edit may have narrowed the marking or removed something (a name, a source)
 * that the notice's current readers were never meant to read. A version that was RED stays the
 * author's alone, RED being closed even to the author's own agency.
 */
export async function getNoticeVersion({ viewer, input }: { viewer: Viewer; input: { id: string; version: number } }) {
  const [row] = await db
    .select({ snapshot: noticeVersions.snapshot, changedFields: noticeVersions.changedFields, editedAt: noticeVersions.createdAt })
    .from(noticeVersions)
    .innerJoin(notices, eq(notices.id, noticeVersions.noticeId))
    .where(
      and(
        eq(noticeVersions.noticeId, input.id),
        eq(noticeVersions.version, input.version),
        visibleTo(viewer),
        or(eq(notices.authorId, viewer.userId), and(eq(notices.agencyId, viewer.agencyId), sql`${noticeVersions.snapshot}->>'tlp' <> 'red'`)),
      ),
    );
  if (!row) throw notFound();
  return row;
}

/**
 * Who read a notice (AMBER and stricter): for the originating agency and UNODC coordinators.
 * Anyone else is told the notice does not exist, as for every notice they may not see.
 */
export async function noticeReadLog({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  const region = viewer.permissions.has("notice.read_region");
  const [row] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.id, input.id), visibleTo(viewer), region ? sql`true` : eq(notices.agencyId, viewer.agencyId)));
  if (!row) throw notFound();
  return db
    .select({ at: auditLog.at, reader: users.name, agency: { id: agencies.id, nameEn: agencies.nameEn, nameRu: agencies.nameRu, nameZh: agencies.nameZh } })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(agencies, eq(agencies.id, auditLog.actorAgencyId))
    .where(and(eq(auditLog.targetType, "notice"), eq(auditLog.targetId, row.id), eq(auditLog.action, "notice.read")))
    .orderBy(desc(auditLog.at))
    .limit(500);
}

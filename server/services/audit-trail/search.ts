import { and, desc, eq, gte, like, lt, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { agencies, auditLog, notices, users } from "~/db/schema";
import type { ZAgencyReads, ZAuditSearch } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Midnight of a calendar date in the viewer's time zone, as an instant. */
const startOfDay = (date: string, timeZone: string) => sql`(${date}::date::timestamp AT TIME ZONE ${timeZone})`;

function page<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
}

/**
 * The audit trail for coordinators and administrators: filters combine, newest first, pages by
 * entry id (the chain's order, so a page boundary never skips or repeats an entry). The original
 * of a redacted value is shown to coordinators only.
 */
export async function searchAudit({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZAuditSearch> }) {
  const actor = input.actor?.toLowerCase();
  const actorFilter = actor
    ? UUID.test(actor)
      ? eq(auditLog.actorUserId, actor)
      : or(
          sql`${auditLog.actorUserId} IN (SELECT u.id FROM users u WHERE lower(u.email) = ${actor} OR u.name ILIKE ${`%${escapeLike(actor)}%`})`,
          // Failed sign-ins of unknown addresses have no actor, only the address tried.
          sql`${auditLog.details}->>'email' = ${actor}`,
        )
    : undefined;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actor: { id: users.id, name: users.name, email: users.email },
      agency: auditLog.actorAgencyId,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        actorFilter,
        input.action ? like(auditLog.action, `${escapeLike(input.action)}%`) : undefined,
        input.targetType ? eq(auditLog.targetType, input.targetType) : undefined,
        input.targetId ? eq(auditLog.targetId, input.targetId) : undefined,
        input.from ? gte(auditLog.at, startOfDay(input.from, viewer.timeZone)) : undefined,
        input.to ? lt(auditLog.at, sql`(${input.to}::date + 1)::timestamp AT TIME ZONE ${viewer.timeZone}`) : undefined,
        input.cursor ? lt(auditLog.id, Number(input.cursor)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const coordinator = viewer.permissions.has("moderation.review");
  const shown = rows.map((row) => {
    if (coordinator || !("original" in row.details)) return row;
    const { original: _hidden, ...details } = row.details;
    return { ...row, details: { ...details, original: "—" } };
  });
  return page(shown, input.limit);
}

/**
 * Who read the viewer's agency's notices (AMBER and stricter reads are recorded), newest first;
 * only notices the viewer may read themselves, so a colleague's RED notice stays closed.
 */
export async function agencyReads({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZAgencyReads> }) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      notice: { id: notices.id, title: notices.title, tlp: notices.tlp },
      reader: users.name,
      readerAgency: agencies.shortName,
    })
    .from(notices)
    .innerJoin(auditLog, and(eq(auditLog.targetType, "notice"), eq(auditLog.targetId, sql`${notices.id}::text`), eq(auditLog.action, "notice.read")))
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(agencies, eq(agencies.id, auditLog.actorAgencyId))
    .where(and(eq(notices.agencyId, viewer.agencyId), visibleTo(viewer), input.cursor ? lt(auditLog.id, Number(input.cursor)) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  return page(rows, input.limit);
}

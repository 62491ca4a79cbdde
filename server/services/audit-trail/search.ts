import { and, desc, eq, gte, like, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { escapeLike } from "~/db/escape-like";
import { db } from "~/db/index";
import { agencies, auditLog, notices, users } from "~/db/schema";
import type { ZAgencyReads, ZAuditSearch } from "~/schemas/moderation";
import type { Viewer } from "~/server/auth/sessions";
import { asNoticeId, namedNotices } from "~/server/services/named-notices";
import { allKnownTo, redactedOriginalVisibleTo, visibleTo } from "~/server/services/visibility";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Midnight of a calendar date in the viewer's time zone, as an instant. */
const startOfDay = (date: string, timeZone: string) => sql`(${date}::date::timestamp AT TIME ZONE ${timeZone})`;

function page<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
}

// The notices an entry names: its target, and those its details name.
const named = namedNotices(sql`CASE WHEN ${auditLog.targetType} = 'notice' THEN ${auditLog.targetId} END`, auditLog.details);

// The notice an entry is about, joined for the rule on a redaction's original.
const target = alias(notices, "target");
const targetNotice = sql`${target.id} = ${asNoticeId(sql`CASE WHEN ${auditLog.targetType} = 'notice' THEN ${auditLog.targetId} END`)}`;

/**
 * The audit trail for coordinators and administrators: filters combine, newest first, pages by
 * entry id (the chain's order, so a page boundary never skips or repeats an entry). An entry that
 * names a notice the viewer may not know of (the visibility rule) shows its actor, action and
 * time only, and a search by target finds it as it would a notice that does not exist. The
 * original of a redacted value is shown only to the notice's own agency.
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
  const known = allKnownTo(viewer, named);
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
      // What the target is called, for its link: a notice's title, a user's name, an agency's short name.
      targetLabel: sql<string | null>`CASE ${auditLog.targetType}
        WHEN 'notice' THEN ${target.title}
        WHEN 'user' THEN (SELECT u.name FROM users u WHERE u.id::text = ${auditLog.targetId})
        WHEN 'agency' THEN (SELECT a.short_name FROM agencies a WHERE a.id = ${auditLog.targetId}) END`,
      known: sql<boolean>`${known}`,
      originalShown: sql<boolean>`coalesce(${redactedOriginalVisibleTo(viewer, target)}, false)`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(target, targetNotice)
    .where(
      and(
        actorFilter,
        input.action ? like(auditLog.action, `${escapeLike(input.action)}%`) : undefined,
        input.targetType ? eq(auditLog.targetType, input.targetType) : undefined,
        input.targetId ? and(eq(auditLog.targetId, input.targetId), known) : undefined,
        input.from ? gte(auditLog.at, startOfDay(input.from, viewer.timeZone)) : undefined,
        input.to ? lt(auditLog.at, sql`(${input.to}::date + 1)::timestamp AT TIME ZONE ${viewer.timeZone}`) : undefined,
        input.cursor ? lt(auditLog.id, Number(input.cursor)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const shown = rows.map(({ known, originalShown, ...row }) => {
    if (!known) return { ...row, targetType: null, targetId: null, targetLabel: null, ip: null, details: {}, withheld: true };
    if (originalShown || !("original" in row.details)) return { ...row, withheld: false };
    const { original: _hidden, ...details } = row.details;
    return { ...row, details, withheld: false };
  });
  return page(shown, input.limit);
}

/**
 * Who read the viewer's agency's notices (AMBER and stricter reads are recorded): one line per
 * reader and notice, with the first and last read and how many, the most recently read first;
 * only notices the viewer may read themselves, so a colleague's RED notice stays closed. Pages by
 * the id of a line's last read, so a line read again meanwhile moves to the top rather than
 * showing twice.
 */
export async function agencyReads({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZAgencyReads> }) {
  const lastId = sql<number>`max(${auditLog.id})`;
  const rows = await db
    .select({
      id: sql<number>`${lastId}::bigint`.mapWith(Number),
      first: sql<Date>`min(${auditLog.at})`.mapWith(auditLog.at),
      last: sql<Date>`max(${auditLog.at})`.mapWith(auditLog.at),
      count: sql<number>`count(*)::int`,
      notice: { id: notices.id, title: notices.title, tlp: notices.tlp },
      reader: users.name,
      readerAgency: agencies.shortName,
    })
    .from(notices)
    .innerJoin(auditLog, and(eq(auditLog.targetType, "notice"), eq(auditLog.targetId, sql`${notices.id}::text`), eq(auditLog.action, "notice.read")))
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(agencies, eq(agencies.id, auditLog.actorAgencyId))
    .where(and(eq(notices.agencyId, viewer.agencyId), visibleTo(viewer)))
    .groupBy(notices.id, auditLog.actorUserId, users.id, agencies.id)
    .having(input.cursor ? lt(lastId, Number(input.cursor)) : undefined)
    .orderBy(desc(lastId))
    .limit(input.limit + 1);
  return page(rows, input.limit);
}

import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { deconflictionRequests, entities, entityDecisions, entityMentions, notices } from "~/db/schema";
import type { EntityKind, EntityRole } from "~/schemas/entity-enums";
import type { Viewer } from "~/server/auth/sessions";
import { notFound } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";

const held = alias(notices, "held");
const hm = alias(entityMentions, "hm");
const seen = alias(notices, "seen");

/**
 * The notices deconfliction offers a viewer for one thing their own notice names (`entityId`, with
 * the mention's year of birth): released AMBER or AMBER+STRICT notices whose author allowed it,
 * that name the same entity (the same key, or one an analyst confirmed is it — never a merely alike
 * name), and that the viewer may NOT read. What they may read is correlation's, not this. Without
 * the author's mark the statement finds nothing whatever else the notice holds.
 */
export function heldFor(viewer: Viewer, own: { entityId: SQL; birthYear: SQL }): SQL {
  const same = sql`(SELECT ${own.entityId} UNION SELECT CASE WHEN d.entity_a = ${own.entityId} THEN d.entity_b ELSE d.entity_a END
    FROM ${entityDecisions} d WHERE d.same AND ${own.entityId} IN (d.entity_a, d.entity_b))`;
  return sql`(SELECT ${held.id} AS notice_id, ${held.agencyId} AS agency_id
    FROM ${entityMentions} AS ${hm}
    JOIN ${notices} AS ${held} ON ${held.id} = ${hm.noticeId}
    WHERE ${hm.entityId} IN ${same}
      AND ${held.allowDeconfliction} AND ${held.status} = 'published' AND ${held.tlp} IN ('amber', 'amber_strict')
      AND (${own.birthYear}::smallint IS NULL OR ${hm.birthYear} IS NULL OR ${own.birthYear}::smallint = ${hm.birthYear})
      AND (${visibleTo(viewer, held)}) IS NOT TRUE)`;
}

const openRequest = (viewer: Viewer, entityId: SQL) =>
  sql`EXISTS (SELECT 1 FROM ${deconflictionRequests} r WHERE r.entity_id = ${entityId} AND r.requester_agency_id = ${viewer.agencyId} AND r.status = 'open')`;

export type DeconflictionHint = { role: EntityRole; part: number; kind: EntityKind; entityId: string; name: string; requested: boolean };

/**
 * "Another agency holds information on this — request it", for each thing of a notice the viewer
 * may read: only whether some such notice exists, never which, whose, or how many. Nothing for a
 * viewer who may not ask (the permission), NOT_FOUND for a notice they may not read.
 */
export async function noticeHints({ viewer, input }: { viewer: Viewer; input: { id: string } }): Promise<DeconflictionHint[]> {
  const [readable] = await db.execute<{ id: string }>(
    sql`SELECT ${notices.id} AS id FROM ${notices} WHERE ${notices.id} = ${input.id} AND ${visibleTo(viewer)}`,
  );
  if (!readable) throw notFound();
  if (!viewer.permissions.has("deconfliction.request")) return [];
  const rows = await db.execute<{ role: EntityRole; part: number; kind: EntityKind; entity_id: string; value: string; requested: boolean }>(sql`
    SELECT DISTINCT ON (m.role, m.part) m.role, m.part, e.kind, m.entity_id, m.value, ${openRequest(viewer, sql`m.entity_id`)} AS requested
    FROM ${entityMentions} m
    JOIN ${entities} e ON e.id = m.entity_id
    WHERE m.notice_id = ${input.id}
      AND EXISTS ${heldFor(viewer, { entityId: sql`m.entity_id`, birthYear: sql`m.birth_year` })}
    ORDER BY m.role, m.part, m.entity_id`);
  return rows.map((r) => ({ role: r.role, part: r.part, kind: r.kind, entityId: r.entity_id, name: r.value, requested: r.requested }));
}

/**
 * The same on an entity's page: whether a notice the viewer may read names the entity and another,
 * hidden from them and marked by its author, names it too. `held` is all it says.
 */
export async function entityHint({ viewer, input }: { viewer: Viewer; input: { kind: EntityKind; id: string } }) {
  if (!viewer.permissions.has("deconfliction.request")) return { held: false, requested: false };
  const [row] = await db.execute<{ held: boolean; requested: boolean }>(sql`
    SELECT EXISTS (
      SELECT 1 FROM ${entityMentions} m
      JOIN ${entities} e ON e.id = m.entity_id AND e.kind = ${input.kind}
      JOIN ${notices} AS ${seen} ON ${seen.id} = m.notice_id
      WHERE m.entity_id = ${input.id} AND ${visibleTo(viewer, seen)}
        AND EXISTS ${heldFor(viewer, { entityId: sql`m.entity_id`, birthYear: sql`m.birth_year` })}
    ) AS held, ${openRequest(viewer, sql`${input.id}::uuid`)} AS requested`);
  return { held: Boolean(row?.held), requested: Boolean(row?.held && row.requested) };
}

export type Target = { from_notice_id: string; notice_id: string; agency_id: string };

/**
 * What a request from the viewer about `entityId` reaches: each hidden marked notice naming it, with
 * the viewer's own readable notice that names it (the one given, else their latest). Server-side only.
 */
export function targetsOf(tx: Pick<typeof db, "execute">, viewer: Viewer, input: { entityId: string; fromNoticeId?: string }) {
  return tx.execute<Target>(sql`
    SELECT DISTINCT ON (h.notice_id) ${seen.id} AS from_notice_id, h.notice_id, h.agency_id
    FROM ${entityMentions} m
    JOIN ${notices} AS ${seen} ON ${seen.id} = m.notice_id
    CROSS JOIN LATERAL ${heldFor(viewer, { entityId: sql`m.entity_id`, birthYear: sql`m.birth_year` })} h
    WHERE m.entity_id = ${input.entityId} AND ${visibleTo(viewer, seen)}
      ${input.fromNoticeId ? sql`AND ${seen.id} = ${input.fromNoticeId}` : sql``}
    ORDER BY h.notice_id, ${seen.occurredOn} DESC, ${seen.id}`);
}

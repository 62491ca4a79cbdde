import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { entities, entityDecisions, entityMentions, notices } from "~/db/schema";
import type { EntityKind, EntityRole } from "~/schemas/entity-enums";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { Viewer } from "~/server/auth/sessions";
import { notFound } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";

/**
 * How alike two names' keys must be (pg_trgm similarity) to be offered as the same entity. Below,
 * "Tianshan Chemical Trading" and "Tianshan Chemicals Trade" still meet; "Alpha Trade" and "Alpha
 * Trans" do not.
 */
export const ALIKE = 0.5;

const other = alias(notices, "other");
const om = alias(entityMentions, "om");

/**
 * The entities a reader meets elsewhere: for each pair of mentions, this notice's entity (`own`,
 * with the mention's year of birth) and another entity it is taken to be, with how sure: the same
 * key (1), an analyst's "same" (1), or alike names, not split by an analyst (their similarity).
 * A function of the two entities' keys and the analysts' word only: nothing of any notice, so
 * whatever the hidden notices hold, what a reader is shown depends on what they can read.
 */
export function matchesOf(own: { entityId: unknown; kind: unknown; key: unknown }) {
  const decided = sql`(SELECT d.same FROM ${entityDecisions} d WHERE (d.entity_a, d.entity_b) = (LEAST(${own.entityId}, oe.id), GREATEST(${own.entityId}, oe.id)))`;
  return sql`(
    SELECT oe.id AS entity_id, ${decided} AS decided, CASE WHEN oe.id = ${own.entityId} OR ${decided} THEN 1.0 ELSE round(similarity(oe.key, ${own.key})::numeric, 2) END AS confidence
    FROM ${entities} oe
    WHERE oe.id = ${own.entityId}
       OR (oe.kind = ${own.kind} AND oe.kind IN ('company', 'person', 'address') AND oe.key % ${own.key} AND similarity(oe.key, ${own.key}) >= ${ALIKE} AND ${decided} IS DISTINCT FROM false)
       OR (oe.id IN (SELECT CASE WHEN d.entity_a = ${own.entityId} THEN d.entity_b ELSE d.entity_a END FROM ${entityDecisions} d WHERE d.same AND ${own.entityId} IN (d.entity_a, d.entity_b)))
  )`;
}

export type Correlation = {
  role: EntityRole;
  part: number;
  kind: EntityKind;
  entityId: string;
  values: string[];
  notices: { id: string; kind: NoticeKind; title: string; occurredOn: string; role: EntityRole; value: string; confidence: number }[];
};

type Row = {
  role: EntityRole;
  part: number;
  kind: EntityKind;
  entity_id: string;
  value: string;
  notice_id: string | null;
  notice_kind: NoticeKind | null;
  title: string | null;
  occurred_on: string | null;
  other_role: EntityRole | null;
  other_value: string | null;
  confidence: string | null;
};

/**
 * "This plate appears in 2 other notices you can read": each thing the notice names, with the
 * other notices the viewer may read that name it or a thing taken for it. One statement, whatever
 * is hidden: a mention inside a notice the viewer cannot read is filtered out by the visibility
 * rule in SQL, never counted, never returned. NOT_FOUND for a notice the viewer cannot read.
 */
export async function noticeCorrelations({ viewer, input }: { viewer: Viewer; input: { id: string } }): Promise<Correlation[]> {
  const [readable] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.id, input.id), visibleTo(viewer)));
  if (!readable) throw notFound();
  const rows = await db.execute<Row>(sql`
    SELECT m.role, m.part, e.kind, e.id AS entity_id, m.value,
           hit.notice_id, hit.notice_kind, hit.title, hit.occurred_on, hit.other_role, hit.other_value, hit.confidence
    FROM ${entityMentions} m
    JOIN ${entities} e ON e.id = m.entity_id
    LEFT JOIN LATERAL (
      SELECT DISTINCT ON (${om.noticeId}) ${om.noticeId} AS notice_id, ${other.kind} AS notice_kind, ${other.title} AS title,
             ${other.occurredOn}::text AS occurred_on, ${om.role} AS other_role, ${om.value} AS other_value, x.confidence
      FROM ${matchesOf({ entityId: sql`e.id`, kind: sql`e.kind`, key: sql`e.key` })} x
      JOIN ${entityMentions} AS ${om} ON ${om.entityId} = x.entity_id AND ${om.noticeId} <> m.notice_id
      JOIN ${notices} AS ${other} ON ${other.id} = ${om.noticeId}
      WHERE ${visibleTo(viewer, other)}
        AND (m.birth_year IS NULL OR ${om.birthYear} IS NULL OR m.birth_year = ${om.birthYear})
      ORDER BY ${om.noticeId}, x.confidence DESC
    ) hit ON true
    WHERE m.notice_id = ${input.id}
    ORDER BY m.part, e.id, hit.confidence DESC NULLS LAST, hit.occurred_on DESC`);
  return group(rows);
}

/** One entry per thing of the notice (a part), each other notice once, at its best confidence. */
function group(rows: Row[]): Correlation[] {
  const parts = new Map<string, Correlation>();
  for (const r of rows) {
    const k = `${r.role}:${r.part}`;
    const c = parts.get(k) ?? { role: r.role, part: r.part, kind: r.kind, entityId: r.entity_id, values: [], notices: [] };
    parts.set(k, c);
    if (!c.values.includes(r.value)) c.values.push(r.value);
    if (!r.notice_id) continue;
    // The part's link goes to one of its spellings that other notices name, if any does.
    if (!c.notices.length) c.entityId = r.entity_id;
    const confidence = Number(r.confidence);
    const seen = c.notices.find((n) => n.id === r.notice_id);
    if (seen) {
      if (confidence > seen.confidence) Object.assign(seen, { confidence, role: r.other_role!, value: r.other_value! });
      continue;
    }
    c.notices.push({
      id: r.notice_id,
      kind: r.notice_kind!,
      title: r.title!,
      occurredOn: r.occurred_on!,
      role: r.other_role!,
      value: r.other_value!,
      confidence,
    });
  }
  return [...parts.values()].map((c) => ({ ...c, notices: c.notices.sort((a, b) => b.confidence - a.confidence || b.occurredOn.localeCompare(a.occurredOn)) }));
}

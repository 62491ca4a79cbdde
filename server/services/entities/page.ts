import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { crossings, entities, entityMentions, notices } from "~/db/schema";
import type { EntityKind, EntityRole } from "~/schemas/entity-enums";
import type { NoticeKind } from "~/schemas/notice-enums";
import type { Viewer } from "~/server/auth/sessions";
import { notFound } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";
import { matchesOf } from "./correlate";

const seen = alias(notices, "seen");
const sm = alias(entityMentions, "sm");
const om = alias(entityMentions, "om");

type TimelineRow = {
  entity_id: string;
  decided: boolean | null;
  confidence: string;
  notice_id: string;
  notice_kind: NoticeKind;
  title: string;
  occurred_on: string;
  occurred_at: Date | null;
  crossing_id: string | null;
  crossing_en: string | null;
  crossing_ru: string | null;
  crossing_zh: string | null;
  country_code: string | null;
  role: EntityRole;
  value: string;
  birth_year: number | null;
  check_digit_valid: boolean | null;
};

export type Sighting = {
  notice: { id: string; kind: NoticeKind; title: string; occurredOn: string; occurredAt: string | null };
  crossing: { id: string; names: { en: string; ru: string; zh: string | null } } | null;
  countryCode: string | null;
  /** How the notice names it: the role and spelling of each mention. */
  mentions: { role: EntityRole; value: string; birthYear: number | null; checkDigitValid: boolean | null }[];
};

const uuids = (ids: string[]) =>
  sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;

/**
 * The other spellings a readable notice gives for the same thing (an alert's company in Latin,
 * Cyrillic and Chinese, an owner "Bakyt Osmonov (Бакыт Осмонов)"): the notice itself says they are
 * one, so the page shows them as one. Only notices the viewer may read say so.
 */
async function aliasesOf(viewer: Viewer, kind: EntityKind, id: string): Promise<string[]> {
  const rows = await db.execute<{ entity_id: string }>(sql`
    SELECT DISTINCT ${om.entityId} AS entity_id
    FROM ${entityMentions} m
    JOIN ${entities} e ON e.id = m.entity_id
    JOIN ${entityMentions} AS ${om} ON ${om.noticeId} = m.notice_id AND ${om.role} = m.role AND ${om.part} = m.part AND ${om.entityId} <> m.entity_id
    JOIN ${notices} AS ${seen} ON ${seen.id} = m.notice_id
    WHERE m.entity_id = ${id} AND e.kind = ${kind} AND ${visibleTo(viewer, seen)}`);
  return rows.map((r) => r.entity_id);
}

/**
 * Every notice the viewer may read that names the entities as they would read them: one statement
 * over the entities and those they are taken to be (matchesOf), the visibility rule deciding each
 * notice. An entity known only from notices the viewer cannot read gives no row, which the page
 * answers exactly as an id that names nothing.
 */
async function sightings(viewer: Viewer, kind: EntityKind, ids: string[]) {
  return db.execute<TimelineRow>(sql`
    SELECT x.entity_id, x.decided, x.confidence, ${seen.id} AS notice_id, ${seen.kind} AS notice_kind, ${seen.title} AS title,
           ${seen.occurredOn}::text AS occurred_on, ${seen.occurredAt} AS occurred_at, ${seen.crossingId} AS crossing_id,
           ${crossings.nameEn} AS crossing_en, ${crossings.nameRu} AS crossing_ru, ${crossings.nameZh} AS crossing_zh,
           ${seen.countryCode} AS country_code, ${sm.role} AS role, ${sm.value} AS value, ${sm.birthYear} AS birth_year,
           ${sm.checkDigitValid} AS check_digit_valid
    FROM ${entities} e
    CROSS JOIN LATERAL ${matchesOf({ entityId: sql`e.id`, kind: sql`e.kind`, key: sql`e.key` })} x
    JOIN ${entityMentions} AS ${sm} ON ${sm.entityId} = x.entity_id
    JOIN ${notices} AS ${seen} ON ${seen.id} = ${sm.noticeId}
    LEFT JOIN ${crossings} ON ${crossings.id} = ${seen.crossingId}
    WHERE e.id = ANY(${uuids(ids)}) AND e.kind = ${kind} AND ${visibleTo(viewer, seen)}
    ORDER BY ${seen.occurredOn} DESC, ${seen.id}, ${sm.part}`);
}

/** One entry per notice, with each way it names the entity once. */
function timelineOf(rows: TimelineRow[]): Sighting[] {
  const byNotice = new Map<string, Sighting>();
  for (const r of rows) {
    const s = byNotice.get(r.notice_id) ?? {
      notice: {
        id: r.notice_id,
        kind: r.notice_kind,
        title: r.title,
        occurredOn: r.occurred_on,
        occurredAt: r.occurred_at ? new Date(r.occurred_at).toISOString() : null,
      },
      crossing: r.crossing_id ? { id: r.crossing_id, names: { en: r.crossing_en!, ru: r.crossing_ru!, zh: r.crossing_zh } } : null,
      countryCode: r.country_code,
      mentions: [],
    };
    byNotice.set(r.notice_id, s);
    if (!s.mentions.some((m) => m.role === r.role && m.value === r.value))
      s.mentions.push({ role: r.role, value: r.value, birthYear: r.birth_year, checkDigitValid: r.check_digit_valid });
  }
  return [...byNotice.values()];
}

/** Each crossing (or country) of those notices: how many, first and last seen. */
function placesOf(timeline: Sighting[]) {
  const places = new Map<string, { crossing: Sighting["crossing"]; countryCode: string | null; count: number; first: string; last: string }>();
  for (const s of timeline) {
    const key = s.crossing?.id ?? `country:${s.countryCode}`;
    const on = s.notice.occurredOn;
    const p = places.get(key) ?? { crossing: s.crossing, countryCode: s.countryCode, count: 0, first: on, last: on };
    places.set(key, { ...p, count: p.count + 1, first: on < p.first ? on : p.first, last: on > p.last ? on : p.last });
  }
  return [...places.values()].sort((a, b) => b.last.localeCompare(a.last));
}

/** Spellings, most used first. */
function byUse(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
}

type RelatedRow = { entity_id: string; kind: EntityKind; role: EntityRole; values: string[]; notices: number; notice_ids: string[]; alias: boolean };

/** What the notices that name the entity name besides it (owners, drivers, plates …), from those notices only. */
async function relatedTo(viewer: Viewer, entityIds: string[], noticeIds: string[]) {
  const ids = uuids(entityIds);
  const where = uuids(noticeIds);
  return db.execute<RelatedRow>(sql`
    SELECT ${om.entityId} AS entity_id, oe.kind, ${om.role} AS role, array_agg(DISTINCT ${om.value}) AS values,
           count(DISTINCT ${om.noticeId})::int AS notices, array_agg(DISTINCT ${om.noticeId}) AS notice_ids, bool_or(${om.role} = m.role AND ${om.part} = m.part) AS alias
    FROM ${entityMentions} m
    JOIN ${entityMentions} AS ${om} ON ${om.noticeId} = m.notice_id AND ${om.entityId} <> ALL(${ids})
    JOIN ${entities} oe ON oe.id = ${om.entityId}
    JOIN ${notices} AS ${seen} ON ${seen.id} = m.notice_id
    WHERE m.entity_id = ANY(${ids}) AND m.notice_id = ANY(${where}) AND ${visibleTo(viewer, seen)}
    GROUP BY ${om.entityId}, oe.kind, ${om.role}
    ORDER BY notices DESC, ${om.role}`);
}

/** The entity page: where and when it was seen, in notices the viewer may read; NOT_FOUND otherwise. */
export async function entityPage({ viewer, input }: { viewer: Viewer; input: { kind: EntityKind; id: string } }) {
  const ownIds = new Set([input.id, ...(await aliasesOf(viewer, input.kind, input.id))]);
  const rows = await sightings(viewer, input.kind, [...ownIds]);
  // The entity, its other spellings and those an analyst confirmed are it; alike names are apart.
  const own = rows.filter((r) => ownIds.has(r.entity_id) || r.decided === true);
  if (!own.some((r) => r.entity_id === input.id)) throw notFound();
  const timeline = timelineOf(own);
  const alike = new Map<string, { entityId: string; confidence: number; confirmed: boolean; values: string[]; notices: Sighting["notice"][] }>();
  for (const r of rows.filter((x) => !ownIds.has(x.entity_id))) {
    const a = alike.get(r.entity_id) ?? { entityId: r.entity_id, confidence: 0, confirmed: r.decided === true, values: [], notices: [] };
    alike.set(r.entity_id, { ...a, confidence: Math.max(a.confidence, Number(r.confidence)) });
    a.values.push(r.value);
    if (!a.notices.some((n) => n.id === r.notice_id)) a.notices.push(timelineOf([r])[0]!.notice);
  }
  const related = await relatedTo(
    viewer,
    [...new Set(own.map((r) => r.entity_id))],
    timeline.map((s) => s.notice.id),
  );
  return {
    entity: { id: input.id, kind: input.kind, names: byUse(own.filter((r) => ownIds.has(r.entity_id)).map((r) => r.value)) },
    timeline,
    places: placesOf(timeline),
    related: related.map((r) => ({
      entityId: r.entity_id,
      kind: r.kind,
      role: r.role,
      values: r.values,
      notices: r.notices,
      noticeIds: r.notice_ids,
      alias: r.alias,
    })),
    alike: [...alike.values()].map((a) => ({ ...a, values: byUse(a.values) })).sort((a, b) => b.confidence - a.confidence),
    canDecide: viewer.permissions.has("notice.link"),
  };
}

export type EntityPage = Awaited<ReturnType<typeof entityPage>>;

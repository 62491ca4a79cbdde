import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { agencies, auditLog, deconflictionRequests, entities, entityDecisions, entityMentions, notices, users } from "~/db/schema";
import type { DeconflictionStatus } from "~/schemas/deconfliction-enums";
import type { EntityKind } from "~/schemas/entity-enums";
import type { Viewer } from "~/server/auth/sessions";
import { asNoticeId } from "~/server/services/named-notices";
import { visibleTo } from "~/server/services/visibility";

const held = alias(notices, "held");
const target = alias(notices, "target");
const LIMIT = 100;

type AskedRow = {
  id: string;
  status: DeconflictionStatus;
  message: string;
  reply: string | null;
  created_at: Date;
  answered_at: Date | null;
  notice_id: string;
  title: string;
  entity_kind: EntityKind;
  value: string | null;
  requester_agency: string;
  requester_name: string;
};

/** Requests about the viewer's agency's notices that they may read: in full, it is their notice. */
function askedOfUs(viewer: Viewer) {
  return db.execute<AskedRow>(sql`
    SELECT r.id, r.status, r.message, r.reply, r.created_at, r.answered_at, ${held.id} AS notice_id, ${held.title} AS title, e.kind AS entity_kind,
      (SELECT hm.value FROM ${entityMentions} hm WHERE hm.notice_id = r.notice_id AND (hm.entity_id = r.entity_id OR EXISTS (
         SELECT 1 FROM ${entityDecisions} d WHERE d.same AND (d.entity_a, d.entity_b) = (LEAST(hm.entity_id, r.entity_id), GREATEST(hm.entity_id, r.entity_id))))
       ORDER BY hm.part LIMIT 1) AS value,
      ${agencies.shortName} AS requester_agency, ${users.name} AS requester_name
    FROM ${deconflictionRequests} r
    JOIN ${notices} AS ${held} ON ${held.id} = r.notice_id
    JOIN ${entities} e ON e.id = r.entity_id
    JOIN ${agencies} ON ${agencies.id} = r.requester_agency_id
    JOIN ${users} ON ${users.id} = r.requester_id
    WHERE ${held.agencyId} = ${viewer.agencyId} AND ${visibleTo(viewer, held)}
    ORDER BY r.status = 'open' DESC, r.created_at DESC LIMIT ${LIMIT}`);
}

type OursRow = {
  entity_id: string;
  entity_kind: EntityKind;
  value: string | null;
  status: DeconflictionStatus;
  reply: string | null;
  created_at: Date;
  answered_at: Date | null;
  notice_id: string | null;
  title: string | null;
};

/** The viewer's agency's requests: of the notice asked for, only what a release made readable. */
function askedByUs(viewer: Viewer) {
  return db.execute<OursRow>(sql`
    SELECT r.entity_id, e.kind AS entity_kind,
      (SELECT m.value FROM ${entityMentions} m WHERE m.notice_id = r.from_notice_id AND m.entity_id = r.entity_id ORDER BY m.part LIMIT 1) AS value,
      r.status, r.reply, r.created_at, r.answered_at,
      CASE WHEN r.status = 'released' AND ${visibleTo(viewer, held)} THEN ${held.id} END AS notice_id,
      CASE WHEN r.status = 'released' AND ${visibleTo(viewer, held)} THEN ${held.title} END AS title
    FROM ${deconflictionRequests} r
    JOIN ${entities} e ON e.id = r.entity_id
    JOIN ${notices} AS ${held} ON ${held.id} = r.notice_id
    WHERE r.requester_agency_id = ${viewer.agencyId}
    ORDER BY r.created_at DESC LIMIT ${LIMIT}`);
}

export type OurRequest = {
  entityId: string;
  kind: EntityKind;
  value: string | null;
  askedAt: Date;
  waiting: boolean;
  /** What the holders chose to say: each release (the notice, now readable), decline or reply. */
  outcomes: { status: DeconflictionStatus; at: Date | null; reply: string | null; notice: { id: string; title: string } | null }[];
};

/** One line per entity asked about, whatever number of notices the request reached. */
function byEntity(rows: OursRow[]): OurRequest[] {
  const lines = new Map<string, OurRequest>();
  for (const r of rows) {
    const line = lines.get(r.entity_id) ?? { entityId: r.entity_id, kind: r.entity_kind, value: r.value, askedAt: r.created_at, waiting: false, outcomes: [] };
    lines.set(r.entity_id, line);
    if (r.created_at < line.askedAt) line.askedAt = r.created_at;
    line.value ??= r.value;
    if (r.status === "open") line.waiting = true;
    if (r.status !== "open" || r.reply)
      line.outcomes.push({ status: r.status, at: r.answered_at, reply: r.reply, notice: r.notice_id ? { id: r.notice_id, title: r.title! } : null });
  }
  return [...lines.values()];
}

type ExchangeRow = { id: number; at: Date; action: string; side: "holder" | "requester"; actor: string | null; notice_id: string | null; title: string | null };

/**
 * Both sides' audit entries of their exchanges, as each side may see them: the holder everything of
 * its own notices; the requester its own entries and the holders' answers, without who answered, and
 * naming the notice only once they may read it (after a release).
 */
function exchange(viewer: Viewer) {
  const holder = sql`${auditLog.details}->>'holderAgencyId' = ${viewer.agencyId} AND ${auditLog.action} <> 'deconfliction.request'`;
  const requester = sql`${auditLog.details}->>'requesterAgencyId' = ${viewer.agencyId} AND ${auditLog.action} <> 'deconfliction.receive'`;
  return db.execute<ExchangeRow>(sql`
    SELECT ${auditLog.id} AS id, ${auditLog.at} AS at, ${auditLog.action} AS action, CASE WHEN ${holder} THEN 'holder' ELSE 'requester' END AS side,
      CASE WHEN ${holder} OR ${auditLog.actorAgencyId} = ${viewer.agencyId} THEN ${users.name} END AS actor,
      CASE WHEN ${visibleTo(viewer, target)} THEN ${target.id} END AS notice_id,
      CASE WHEN ${visibleTo(viewer, target)} THEN ${target.title} END AS title
    FROM ${auditLog}
    LEFT JOIN ${users} ON ${users.id} = ${auditLog.actorUserId}
    LEFT JOIN ${notices} AS ${target} ON ${auditLog.targetType} = 'notice' AND ${target.id} = ${asNoticeId(auditLog.targetId)}
    WHERE ${auditLog.action} LIKE 'deconfliction.%' AND ((${holder}) OR (${requester}))
    ORDER BY ${auditLog.id} DESC LIMIT ${LIMIT}`);
}

/** The deconfliction page: requests to the viewer's agency, its own requests, and the exchange's audit. */
export async function deconflictionOverview({ viewer }: { viewer: Viewer }) {
  const [asked, ours, log] = await Promise.all([
    viewer.permissions.has("deconfliction.answer") ? askedOfUs(viewer) : Promise.resolve([] as AskedRow[]),
    askedByUs(viewer),
    exchange(viewer),
  ]);
  return {
    asked: asked.map((r) => ({
      id: r.id,
      status: r.status,
      message: r.message,
      reply: r.reply,
      createdAt: new Date(r.created_at),
      answeredAt: r.answered_at ? new Date(r.answered_at) : null,
      notice: { id: r.notice_id, title: r.title },
      entity: { kind: r.entity_kind, value: r.value },
      requester: { agency: r.requester_agency, name: r.requester_name },
    })),
    ours: byEntity(ours.map((r) => ({ ...r, created_at: new Date(r.created_at), answered_at: r.answered_at ? new Date(r.answered_at) : null }))),
    exchange: log.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at),
      action: r.action,
      side: r.side,
      actor: r.actor,
      notice: r.notice_id ? { id: r.notice_id, title: r.title! } : null,
    })),
  };
}

export type DeconflictionOverview = Awaited<ReturnType<typeof deconflictionOverview>>;

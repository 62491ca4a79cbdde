import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { agencies, noticeCredits, noticePins, noticeReports, notices, users } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound } from "~/server/services/errors";
import { loadSnapshot } from "~/server/services/notices/snapshot";
import { visibleTo } from "~/server/services/visibility";
import { moderationLog } from "./log";

const reporter = alias(users, "reporter");
const reporterAgency = alias(agencies, "reporter_agency");

const openReports = sql<number>`(SELECT count(*)::int FROM notice_reports r WHERE r.notice_id = ${notices.id} AND r.status = 'open')`;

/**
 * What waits for a coordinator: notices held for review and notices with open reports, the
 * longest-waiting first.
 */
export async function moderationQueue({ viewer }: { viewer: Viewer }) {
  const waitingSince =
    sql<Date>`coalesce((SELECT min(r.created_at) FROM notice_reports r WHERE r.notice_id = ${notices.id} AND r.status = 'open'), ${notices.updatedAt})`.mapWith(
      notices.updatedAt,
    );
  return db
    .select({
      id: notices.id,
      kind: notices.kind,
      title: notices.title,
      tlp: notices.tlp,
      status: notices.status,
      agency: agencies.shortName,
      author: users.name,
      openReports,
      waitingSince,
    })
    .from(notices)
    .innerJoin(agencies, eq(agencies.id, notices.agencyId))
    .innerJoin(users, eq(users.id, notices.authorId))
    .where(
      and(
        visibleTo(viewer),
        or(eq(notices.status, "pending_review"), sql`EXISTS (SELECT 1 FROM notice_reports r WHERE r.notice_id = ${notices.id} AND r.status = 'open')`),
      ),
    )
    .orderBy(asc(waitingSince), asc(notices.id))
    .limit(200);
}

/** One notice as the coordinator reviews it: its content, the reports, the decisions so far. */
export async function reviewNotice({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notices.id, tlp: notices.tlp })
      .from(notices)
      .where(and(eq(notices.id, input.id), visibleTo(viewer)));
    if (!row) throw notFound();
    const [snapshot, reports, credits, [pin]] = await Promise.all([
      loadSnapshot(tx, row.id),
      tx
        .select({
          reason: noticeReports.reason,
          note: noticeReports.note,
          status: noticeReports.status,
          at: noticeReports.createdAt,
          reporter: reporter.name,
          agency: reporterAgency.shortName,
        })
        .from(noticeReports)
        .innerJoin(reporter, eq(reporter.id, noticeReports.reporterId))
        .innerJoin(reporterAgency, eq(reporterAgency.id, reporter.agencyId))
        .where(eq(noticeReports.noticeId, row.id))
        .orderBy(desc(noticeReports.createdAt)),
      tx
        .select({ id: agencies.id, shortName: agencies.shortName })
        .from(noticeCredits)
        .innerJoin(agencies, eq(agencies.id, noticeCredits.agencyId))
        .where(eq(noticeCredits.noticeId, row.id)),
      tx.select({ startsAt: noticePins.startsAt, endsAt: noticePins.endsAt }).from(noticePins).where(eq(noticePins.noticeId, row.id)),
    ]);
    // A coordinator's review is a read like any other: AMBER and stricter ones are on record.
    if (row.tlp !== "clear" && row.tlp !== "green") {
      await audit(tx, { action: "notice.read", actor: viewer, target: { type: "notice", id: row.id }, details: { tlp: row.tlp, via: "moderation" } });
    }
    const log = await moderationLog({ viewer, input: { noticeId: row.id, limit: 100 } });
    return { notice: snapshot, reports, credits, pin: pin ?? null, log: log.items };
  });
}

import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { agencies, companyAlerts, notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";

const SIGNAL_MAX = 50;
// Two seizures of one substance at one crossing on one day whose masses differ by at most this
// share are probably one event reported twice.
const DUPLICATE_MASS_TOLERANCE = 0.1;

const line = { id: notices.id, kind: notices.kind, title: notices.title, tlp: notices.tlp, occurredOn: notices.occurredOn, agency: agencies.shortName };
const other = alias(notices, "other");
const otherAgency = alias(agencies, "other_agency");

/**
 * What coordinators should look at in the published feed: notices that say nowhere, seizures of
 * nothing identified, company alerts past their expiry, and suspected duplicates. Only notices
 * the coordinator may read, as everywhere.
 */
export async function qualitySignals({ viewer }: { viewer: Viewer }) {
  const published = and(eq(notices.status, "published"), visibleTo(viewer));
  const base = () => db.select(line).from(notices).innerJoin(agencies, eq(agencies.id, notices.agencyId)).$dynamic();
  const [noCrossing, noSubstance, expiredAlerts, duplicates] = await Promise.all([
    base()
      .where(and(published, sql`${notices.crossingId} IS NULL`))
      .orderBy(desc(notices.publishedAt))
      .limit(SIGNAL_MAX),
    base()
      .where(
        and(
          published,
          eq(notices.kind, "seizure"),
          sql`NOT EXISTS (SELECT 1 FROM seizure_items si WHERE si.notice_id = ${notices.id} AND si.substance_id IS NOT NULL)`,
        ),
      )
      .orderBy(desc(notices.publishedAt))
      .limit(SIGNAL_MAX),
    db
      .select({ ...line, expiresOn: companyAlerts.expiresOn })
      .from(notices)
      .innerJoin(agencies, eq(agencies.id, notices.agencyId))
      .innerJoin(companyAlerts, eq(companyAlerts.noticeId, notices.id))
      .where(and(published, sql`${companyAlerts.expiresOn} < current_date`))
      .orderBy(asc(companyAlerts.expiresOn))
      .limit(SIGNAL_MAX),
    db
      .selectDistinct({ ...line, otherId: other.id, otherTitle: other.title, otherAgency: otherAgency.shortName })
      .from(notices)
      .innerJoin(agencies, eq(agencies.id, notices.agencyId))
      .innerJoin(
        other,
        and(eq(other.kind, "seizure"), eq(other.crossingId, notices.crossingId), eq(other.occurredOn, notices.occurredOn), sql`${other.id} > ${notices.id}`),
      )
      .innerJoin(otherAgency, eq(otherAgency.id, other.agencyId))
      .where(
        and(
          published,
          eq(notices.kind, "seizure"),
          eq(other.status, "published"),
          visibleTo(viewer, other),
          sql`EXISTS (
            SELECT 1 FROM seizure_items a JOIN seizure_items b ON b.substance_id = a.substance_id
            WHERE a.notice_id = ${notices.id} AND b.notice_id = ${other.id}
              AND (a.mass_kg IS NULL OR b.mass_kg IS NULL
                OR abs(a.mass_kg - b.mass_kg) <= ${DUPLICATE_MASS_TOLERANCE} * greatest(a.mass_kg, b.mass_kg)))`,
        ),
      )
      .orderBy(desc(notices.occurredOn), notices.id)
      .limit(SIGNAL_MAX),
  ]);
  return { noCrossing, noSubstance, expiredAlerts, duplicates };
}

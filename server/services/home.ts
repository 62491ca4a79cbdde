import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { agencies, notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { newestFirst } from "~/server/services/notices/feed";
import { summarySource, toPage } from "~/server/services/notices/summaries";
import { visibleTo } from "~/server/services/visibility";

/**
 * The few lists of the home pages that the feed's filters cannot express: company alerts by their
 * expiry, and agencies by their last notice. Each reads notices only through the visibility rule
 * (the feed's own summaries and `visibleTo`), so every line and number is of the viewer's visible
 * set. Everything else on the home pages is the feed and moderation services, called as they are.
 */

const HOME_LIST_MAX = 10;

/** The viewer's calendar date, and the date `days` later, as the alerts' dates are kept. */
function calendarDays(timeZone: string, days: number): [string, string] {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const today = format.format(new Date());
  const later = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return [today, later];
}

const expiresOn = sql`(SELECT ca.expires_on FROM company_alerts ca WHERE ca.notice_id = ${notices.id})`;
const publishedAlerts = and(eq(notices.status, "published"), eq(notices.kind, "company_alert"));

/** Published company alerts the viewer may read that expire within `withinDays` (of one agency, if given), the soonest first. */
export async function expiringAlerts({ viewer, input }: { viewer: Viewer; input: { withinDays: number; agencyId?: string } }) {
  const [today, last] = calendarDays(viewer.timeZone, input.withinDays);
  const rows = await summarySource(viewer.locale)
    .where(
      and(
        publishedAlerts,
        input.agencyId ? eq(notices.agencyId, input.agencyId) : undefined,
        sql`${expiresOn} BETWEEN ${today}::date AND ${last}::date`,
        visibleTo(viewer),
      ),
    )
    .orderBy(asc(expiresOn), asc(notices.id))
    .limit(HOME_LIST_MAX + 1);
  return toPage(viewer, rows, HOME_LIST_MAX, (row) => row.publishedAt);
}

/** Company alerts at these crossings the viewer may read and that have not expired, newest first. */
export async function activeAlertsAt({ viewer, input }: { viewer: Viewer; input: { crossingIds: string[] } }) {
  if (!input.crossingIds.length) return { items: [], nextCursor: null };
  const [today] = calendarDays(viewer.timeZone, 0);
  const rows = await summarySource(viewer.locale)
    .where(and(publishedAlerts, inArray(notices.crossingId, input.crossingIds), sql`${expiresOn} >= ${today}::date`, visibleTo(viewer)))
    .orderBy(...newestFirst(notices.publishedAt))
    .limit(HOME_LIST_MAX + 1);
  return toPage(viewer, rows, HOME_LIST_MAX, (row) => row.publishedAt);
}

/**
 * Active agencies whose newest notice the viewer may read was published more than `days` ago, or
 * never: the last one is found per agency on the agency's feed index, through the visibility rule.
 */
export async function quietAgencies({ viewer, input }: { viewer: Viewer; input: { days: number } }) {
  // Written out: in a select from agencies alone, drizzle would leave the columns unqualified.
  const last = sql<Date | null>`(
    SELECT notices.published_at FROM ${notices}
    WHERE notices.agency_id = agencies.id AND notices.status = 'published' AND ${visibleTo(viewer)}
    ORDER BY notices.published_at DESC NULLS LAST, notices.id DESC NULLS LAST LIMIT 1
  )`;
  const rows = await db
    .select({ id: agencies.id, shortName: agencies.shortName, nameEn: agencies.nameEn, nameRu: agencies.nameRu, nameZh: agencies.nameZh, lastPostedAt: last })
    .from(agencies)
    .where(eq(agencies.active, true))
    .orderBy(asc(agencies.shortName));
  const cutoff = Date.now() - input.days * 86_400_000;
  return rows
    .map((r) => ({ ...r, lastPostedAt: r.lastPostedAt ? new Date(r.lastPostedAt).toISOString() : null }))
    .filter((r) => r.lastPostedAt === null || Date.parse(r.lastPostedAt) < cutoff)
    .sort((a, b) => (a.lastPostedAt ?? "").localeCompare(b.lastPostedAt ?? ""));
}

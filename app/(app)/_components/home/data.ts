import type { Viewer } from "~/server/auth/sessions";
import type { createCaller } from "~/server/api/root";

/**
 * What each role's home shows, read through the procedures every other page uses (the feed, its
 * count, moderation's queue, subscriptions, and the home router's few lists), so every line and
 * number is of the viewer's visible set. The page passes its request's caller; the property test
 * (server/services/__tests__/home.property.test.ts) passes a test user's and compares with the feed.
 */

type Caller = ReturnType<typeof createCaller>;

export const HOME_LINES = 6;
export const PER_CROSSING = 3;
/** "About to expire": within this many days. */
export const EXPIRY_DAYS = 30;
/** "Has not posted": nothing readable published for this many days. */
export const QUIET_DAYS = 30;

export type HomeKind = "coordinator" | "chief" | "analyst";

/** Which home a viewer gets: by what they may do, as the permission table says. */
export function homeKind(viewer: Pick<Viewer, "permissions">): HomeKind {
  if (viewer.permissions.has("moderation.review")) return "coordinator";
  if (viewer.permissions.has("notice.release")) return "chief";
  return "analyst";
}

const feedList = (caller: Caller, filters: Parameters<Caller["notices"]["feed"]>[0]["filters"], limit = HOME_LINES) =>
  Promise.all([caller.notices.feed({ filters, limit }), caller.notices.feedCount({ filters })]).then(([page, count]) => ({ ...page, count }));

export async function analystHome(caller: Caller, viewer: Viewer) {
  const mayCreate = viewer.permissions.has("notice.create");
  const [recent, drafts, pending, expiring] = await Promise.all([
    feedList(caller, { agencyId: viewer.agencyId }),
    mayCreate ? feedList(caller, { status: "draft" }) : null,
    mayCreate ? feedList(caller, { status: "pending_release" }) : null,
    caller.home.expiringAlerts({ withinDays: EXPIRY_DAYS, agencyId: viewer.agencyId }),
  ]);
  return { recent, drafts, pending, expiring };
}

/** The duty station first, then every crossing the viewer follows on its own. */
export async function followedCrossings(caller: Caller, viewer: Viewer): Promise<string[]> {
  const subscriptions = await caller.subscriptions.list();
  const followed = subscriptions.flatMap((s) => (s.noticeId === null ? s.crossingIds : []));
  return [...new Set([...(viewer.dutyStationId ? [viewer.dutyStationId] : []), ...followed])];
}

export async function chiefHome(caller: Caller, crossingIds: string[]) {
  const [crossings, waiting, alerts] = await Promise.all([
    Promise.all(crossingIds.map(async (id) => ({ id, latest: await caller.notices.feed({ filters: { crossingId: id }, limit: PER_CROSSING }) }))),
    feedList(caller, { status: "pending_release" }),
    caller.home.activeAlertsAt({ crossingIds }),
  ]);
  return { crossings, waiting, alerts };
}

export async function coordinatorHome(caller: Caller) {
  const [queue, quiet] = await Promise.all([caller.moderation.queue(), caller.home.quietAgencies({ days: QUIET_DAYS })]);
  return { queue, quiet };
}

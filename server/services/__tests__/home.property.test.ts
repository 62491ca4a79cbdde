import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  analystHome,
  chiefHome,
  coordinatorHome,
  EXPIRY_DAYS,
  followedCrossings,
  homeKind,
  HOME_LINES,
  PER_CROSSING,
  QUIET_DAYS,
} from "~/app/(app)/_components/home/data";
import type { FeedFilters } from "~/schemas/notices";
import { callerFor } from "~/tests/callers";
import { mayRead } from "~/tests/visibility-model";
import { AGENCIES, buildWorld, CROSSINGS, worldArb, type World, type WorldNotice } from "~/tests/visibility-world";

// The home pages of every role, read from one generated world (every marking in every status,
// release lists, recipients, reports, merges), against the feed's visible set: each list is what the
// feed gives the same reader, and nothing on it is a notice the model says the reader may not read.

const SEED = Number(process.env.VISIBILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
type Reader = Awaited<ReturnType<typeof callerFor>> & { user: World["users"][number]; may: (n: WorldNotice) => boolean };

let world: World;
let byId: Map<string, WorldNotice>;
let readers: Reader[];

/** Every notice of the feed under `filters`, in its order, each page followed. */
async function feedAll(caller: Caller, filters: FeedFilters) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await caller.notices.feed({ filters, cursor, limit: 100 });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const calendarDay = (timeZone: string, days = 0) =>
  new Date(Date.parse(`${new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date())}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Every id shown must be of a notice the model lets the reader read. */
function expectReadable(reader: Reader, shown: string[]) {
  const hidden = shown.filter((id) => !reader.may(byId.get(id)!));
  expect(hidden, `${reader.user.role} of ${reader.user.agencyId}`).toEqual([]);
}

describe(`home pages from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  beforeAll(async () => {
    const [spec] = fc.sample(worldArb, { numRuns: 1, seed: SEED });
    world = await buildWorld(spec!);
    byId = new Map([world.hub, ...world.notices].map((n) => [n.id, n]));
    readers = await Promise.all(world.users.map(async (user) => ({ ...(await callerFor(user)), user, may: (n: WorldNotice) => mayRead(user, n) })));
  }, 120_000);

  it("an analyst's lists are the feed's: the agency's newest, own drafts, waiting releases, alerts by expiry", async () => {
    await Promise.all(
      readers.map(async (r) => {
        const home = await analystHome(r.caller, r.viewer);
        const agency = await feedAll(r.caller, { agencyId: r.viewer.agencyId });
        expect(ids(home.recent.items)).toEqual(ids(agency).slice(0, HOME_LINES));
        expect(home.recent.count.count).toBe(agency.length);
        for (const [list, status] of [
          [home.drafts, "draft"],
          [home.pending, "pending_release"],
        ] as const) {
          if (!list) continue;
          const all = await feedAll(r.caller, { status });
          expect(ids(list.items)).toEqual(ids(all).slice(0, HOME_LINES));
          expect(list.count.count).toBe(all.length);
        }
        const alerts = await feedAll(r.caller, { kind: "company_alert", agencyId: r.viewer.agencyId });
        for (const days of [EXPIRY_DAYS, 366]) {
          const [from, to] = [calendarDay(r.viewer.timeZone), calendarDay(r.viewer.timeZone, days)];
          const expected = alerts.filter((a) => a.companyAlert!.expiresOn >= from && a.companyAlert!.expiresOn <= to);
          const shown = days === EXPIRY_DAYS ? home.expiring : await r.caller.home.expiringAlerts({ withinDays: days, agencyId: r.viewer.agencyId });
          expect(new Set(ids(shown.items))).toEqual(new Set(ids(expected).slice(0, 10)));
          expectReadable(r, ids(shown.items));
        }
        expectReadable(r, [...ids(home.recent.items), ...ids(home.drafts?.items ?? []), ...ids(home.pending?.items ?? [])]);
      }),
    );
  });

  it("a chief's lists are the feed's: each followed crossing's newest, notices waiting for release, active alerts at those crossings", async () => {
    const crossingIds: string[] = CROSSINGS.map((c) => c.id);
    await Promise.all(
      readers.map(async (r) => {
        const followed = await followedCrossings(r.caller, r.viewer);
        expect(new Set(followed).size).toBe(followed.length);
        const home = await chiefHome(r.caller, crossingIds);
        for (const { id, latest } of home.crossings) expect(ids(latest.items)).toEqual(ids(await feedAll(r.caller, { crossingId: id })).slice(0, PER_CROSSING));
        expect(ids(home.waiting.items)).toEqual(ids(await feedAll(r.caller, { status: "pending_release" })).slice(0, HOME_LINES));
        const active = (await feedAll(r.caller, { kind: "company_alert" })).filter(
          (a) => crossingIds.includes(a.crossing?.id ?? "") && !a.companyAlert!.expired,
        );
        expect(ids(home.alerts.items)).toEqual(ids(active).slice(0, 10));
        expectReadable(r, [...home.crossings.flatMap((c) => ids(c.latest.items)), ...ids(home.waiting.items), ...ids(home.alerts.items)]);
      }),
    );
  });

  it("a coordinator's queue holds only readable notices, and the quiet agencies are those whose feed has nothing recent", async () => {
    const coordinators = readers.filter((r) => homeKind(r.viewer) === "coordinator");
    expect(coordinators.map((r) => r.user.role)).toEqual(["coordinator"]);
    expect(new Set(readers.map((r) => homeKind(r.viewer)))).toEqual(new Set(["coordinator", "chief", "analyst"]));
    for (const r of coordinators) {
      const home = await coordinatorHome(r.caller);
      expectReadable(r, ids(home.queue));
      const cutoff = Date.now() - QUIET_DAYS * 86_400_000;
      for (const agency of AGENCIES) {
        const [newest] = (await r.caller.notices.feed({ filters: { agencyId: agency.id }, limit: 1 })).items;
        const quiet = !newest || Date.parse(newest.publishedAt!) < cutoff;
        expect(
          home.quiet.some((q) => q.id === agency.id),
          agency.id,
        ).toBe(quiet);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { NOTICE_KINDS, NOTICE_STATUSES, TLP_LEVELS } from "~/schemas/notice-enums";
import type { FeedFilters } from "~/schemas/notices";
import { AGENCIES, CROSSINGS, DAYS, SUBSTANCES, type WorldNotice } from "~/tests/visibility-world";
import { all, byId, eachReader, leaks, ofWorld, pages, readers, SEED, useGeneratedWorld, world, type Reader } from "~/tests/visibility-readers";

// The lists a reader searches, from one generated world (tests/visibility-readers.ts): the feed
// under every filter, search and its suggestions, the notice picker, similar companies.
useGeneratedWorld();

/** One of each filter the feed has, and one of them combined. */
const FEED_FILTERS: FeedFilters[] = [
  {},
  ...NOTICE_KINDS.map((kind) => ({ kind })),
  ...TLP_LEVELS.map((tlp) => ({ tlp })),
  ...NOTICE_STATUSES.map((status) => ({ status })),
  ...AGENCIES.map((a) => ({ agencyId: a.id })),
  ...CROSSINGS.map((c) => ({ crossingId: c.id })),
  ...CROSSINGS.map((c) => ({ countryCode: c.country })),
  ...SUBSTANCES.map((substanceId) => ({ substanceId })),
  { from: DAYS[1] },
  { to: DAYS[0] },
  { status: "retracted", tlp: "amber", kind: "seizure" },
];

/** What the feed's filter means, said of the model's notice. */
const matches = (n: WorldNotice, f: FeedFilters) =>
  n.status === (f.status ?? "published") &&
  (!f.kind || n.kind === f.kind) &&
  (!f.tlp || n.tlp === f.tlp) &&
  (!f.agencyId || n.agencyId === f.agencyId) &&
  (!f.crossingId || n.crossingId === f.crossingId) &&
  (!f.countryCode || n.countryCode === f.countryCode) &&
  (!f.substanceId || n.substanceId === f.substanceId) &&
  (!f.from || n.occurredOn >= f.from) &&
  (!f.to || n.occurredOn <= f.to);

/** Every page of the reader's search for `q`, leaking nothing: the world's notices it found. */
async function search(r: Reader, q: string) {
  const items = await pages((cursor) => r.caller.notices.search({ q, cursor, limit: 100 }));
  expect(leaks(r, items)).toEqual([]);
  return new Set(ofWorld(items.map((i) => i.id)));
}

describe(`visibility in the feed, search and pickers, from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  it("feed, under every filter: exactly the readable notices that match", async () => {
    await eachReader(async (r) => {
      for (const f of FEED_FILTERS) {
        const items = await pages((cursor) => r.caller.notices.feed({ filters: f, cursor, limit: 100 }));
        expect(leaks(r, items)).toEqual([]);
        const shown = new Set(ofWorld(items.map((i) => i.id)));
        expect([f, shown]).toEqual([f, new Set(all.filter((n) => r.may(n) && matches(n, f)).map((n) => n.id))]);
      }
    });
  });

  it("search: results, their number and spelling suggestions say nothing of what the reader may not read", async () => {
    expect(world.probes.length).toBeGreaterThan(0);
    await eachReader(async (r) => {
      for (const n of all) {
        const released = n.status === "published" || n.status === "retracted";
        expect([n.tlp, n.status, await search(r, n.marker)]).toEqual([n.tlp, n.status, new Set(r.may(n) && released ? [n.id] : [])]);
      }
      // A name word only a hidden notice holds is answered as a word that occurs nowhere, one
      // letter away from the same visible name: the same suggestions, so the same results.
      for (const probe of world.probes.filter((p) => !r.knew(byId(p.noticeId)))) {
        const control = await search(r, probe.control);
        expect(control).toContain(world.hub.id);
        const n = byId(probe.noticeId);
        expect([r.user.role, n.tlp, n.status, await search(r, probe.word)]).toEqual([r.user.role, n.tlp, n.status, control]);
      }
    });
  });

  it("the notice picker: by the start of a title's word or by the id, exactly the notices the reader may read, never one merged away", async () => {
    await eachReader(async (r) => {
      for (const n of all) {
        const expected = r.may(n) && n.status !== "merged" ? [n.id] : [];
        for (const q of [n.marker.slice(0, -1), n.id]) {
          const rows = await r.caller.notices.pick({ q });
          expect(leaks(r, rows)).toEqual([]);
          expect([r.user.role, n.tlp, n.status, ofWorld(rows.map((row) => row.id))]).toEqual([r.user.role, n.tlp, n.status, expected]);
        }
      }
    });
  });

  it("similar-company suggestions: only alerts the writer may read", async () => {
    const names = all.flatMap((n) => (n.kind === "company_alert" ? [`${n.nameWord} Logistics`] : []));
    for (const r of readers.filter((x) => x.viewer.permissions.has("notice.create"))) {
      for (let i = 0; i < names.length; i += 10) {
        const similar = await r.caller.notices.similarCompanies({ names: names.slice(i, i + 10) });
        expect(leaks(r, similar)).toEqual([]);
      }
      expect((await r.caller.notices.similarCompanies({ names: [`${world.baseWord} Trading`] })).map((s) => s.id)).toContain(world.hub.id);
    }
  });
});

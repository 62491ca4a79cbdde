import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { companyAlerts, seizureDetails, seizureItems } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { NOTICE_STATUSES, TLP_LEVELS } from "~/schemas/notice-enums";
import type { Role } from "~/server/auth/roles";
import { notificationsListener } from "~/server/services/notifications/listener";
import { callerFor } from "~/tests/callers";
import { insertAudience, insertNoticeRow } from "~/tests/model-notices";
import { mayRead, type ModelNotice, type ModelUser } from "~/tests/visibility-model";
import { AGENCIES, buildWorld, CROSSINGS, removeWorld, DAYS, SUBSTANCES, worldArb as surfacesWorldArb } from "~/tests/visibility-world";

// The regional picture counts exactly the feed's visible set: for random users of every role and
// random notices of every marking and status, each crossing's count on the map equals the feed's
// count with the same crossing and period, and both equal the model's (tests/visibility-model.ts);
// the trend totals (notices and kilograms, overall and per substance) equal the sums over the
// notices the model lets the user read.

const ROLES: Role[] = ["analyst", "chief", "agency_admin", "coordinator", "admin"];
const CONCEALMENTS = ["False floor", "false floor ", "Drums labelled as paint"];

const userArb = fc.record({ agency: fc.constantFrom(...AGENCIES), role: fc.constantFrom(...ROLES) });
const noticeArb = (userCount: number) =>
  fc.record({
    author: fc.nat({ max: userCount - 1 }),
    tlp: fc.constantFrom(...TLP_LEVELS),
    status: fc.constantFrom(...NOTICE_STATUSES),
    company: fc.boolean(),
    crossing: fc.nat({ max: CROSSINGS.length }),
    day: fc.nat({ max: DAYS.length - 1 }),
    items: fc.array(fc.record({ substance: fc.nat({ max: SUBSTANCES.length - 1 }), kg: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 2 }),
    concealment: fc.nat({ max: CONCEALMENTS.length - 1 }),
    agencies: fc.subarray(AGENCIES.map((a) => a.id)),
    countries: fc.subarray(["KZ", "KG", "TJ"]),
    recipients: fc.array(fc.nat({ max: userCount - 1 }), { maxLength: 2 }),
    reporter: fc.oneof(fc.constant("none" as const), fc.constant("recipient" as const)),
  });
const worldArb = fc
  .array(userArb, { minLength: 2, maxLength: 6 })
  .chain((us) => fc.tuple(fc.constant(us), fc.array(noticeArb(us.length), { minLength: 1, maxLength: 14 })));

type Generated = ModelNotice & { crossingId: string | null; occurredOn: string; items: { substanceId: string; kg: number }[]; concealment: string | null };

// Periods: all time, and one month holding one of the days only.
const PERIODS = [{}, { from: "2026-03-01", to: "2026-03-31" }] as const;
const inPeriod = (day: string, p: { from?: string; to?: string }) => (!p.from || day >= p.from) && (!p.to || day <= p.to);

afterAll(() => notificationsListener().stop());

/** Inserts a notice as the world says, with its release lists, recipients, report and the kind's details. */
async function insertNotice(model: ModelUser[], spec: ReturnType<typeof noticeArb> extends fc.Arbitrary<infer T> ? T : never, i: number): Promise<Generated> {
  const author = model[spec.author]!;
  // An arrest is never CLEAR or GREEN; company alerts and seizures carry every marking.
  const kind = spec.company ? ("company_alert" as const) : ("seizure" as const);
  const crossing = CROSSINGS[spec.crossing];
  const occurredOn = DAYS[spec.day]!;
  const id = await insertNoticeRow(author, spec, { kind, title: `n${i}`, occurredOn });
  const audience = await insertAudience(id, author, spec, model);
  const items = kind === "seizure" ? spec.items.map((it) => ({ substanceId: SUBSTANCES[it.substance]!, kg: it.kg })) : [];
  const concealment = kind === "seizure" ? CONCEALMENTS[spec.concealment]! : null;
  if (kind === "seizure") {
    await db.insert(seizureDetails).values({ noticeId: id, concealment });
    if (items.length)
      await db
        .insert(seizureItems)
        .values(items.map((it, position) => ({ noticeId: id, position, substanceId: it.substanceId, quantity: it.kg, unit: "kg" as const, massKg: it.kg })));
  } else {
    await db.insert(companyAlerts).values({
      noticeId: id,
      names: [{ script: "latin", name: `Company ${i % 3}` }],
      grounds: ["linked_to_seizure"],
      recommendedAction: "Inspect",
      expiresOn: "2027-01-01",
    });
  }
  return {
    ...audience,
    crossingId: crossing?.id ?? null,
    occurredOn,
    items,
    concealment,
  };
}

const kgOf = (ns: Generated[], substanceId?: string) =>
  ns.reduce((sum, n) => sum + n.items.filter((it) => !substanceId || it.substanceId === substanceId).reduce((s, it) => s + it.kg, 0), 0);

describe("the regional picture, as a property", () => {
  it("map counts equal the feed's and the model's; trend totals equal the sums over the visible notices", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ([userSpecs, noticeSpecs]) => {
        const people = await Promise.all(userSpecs.map((u) => createUser(db, { agencyId: u.agency.id, role: u.role, password: null })));
        const model: ModelUser[] = people.map((p, i) => ({
          id: p.id,
          agencyId: p.agencyId,
          country: userSpecs[i]!.agency.country,
          role: p.role,
          active: true,
        }));
        const generated: Generated[] = [];
        try {
          for (const [i, spec] of noticeSpecs.entries()) generated.push(await insertNotice(model, spec, i));
          for (const [i, user] of model.entries()) {
            const { caller } = await callerFor(people[i]!);
            const visible = generated.filter((n) => n.status === "published" && mayRead(user, n));
            for (const period of PERIODS) {
              const inside = visible.filter((n) => inPeriod(n.occurredOn, period));
              const map = await caller.picture.crossingCounts(period);
              for (const crossing of CROSSINGS) {
                const expected = inside.filter((n) => n.crossingId === crossing.id).length;
                const feed = await caller.notices.feedCount({ filters: { crossingId: crossing.id, ...period } });
                expect([user.role, crossing.id, map.find((c) => c.id === crossing.id)?.notices, feed.count]).toEqual([
                  user.role,
                  crossing.id,
                  expected,
                  expected,
                ]);
              }
              // Every other crossing of the reference data is on the map with nothing counted.
              expect(map.filter((c) => !CROSSINGS.some((x) => x.id === c.id)).every((c) => c.notices === 0)).toBe(true);

              const { total, kinds, months, concealment } = await caller.picture.trends({ filters: period });
              expect([user.role, total.notices]).toEqual([user.role, inside.length]);
              expect(total.kg).toBeCloseTo(kgOf(inside), 3);
              expect(kinds.reduce((n, k) => n + k.notices, 0)).toBe(inside.length);
              expect(months.reduce((n, m) => n + m.notices, 0)).toBe(inside.length);
              // "False floor" and "false floor " are one method.
              const floors = inside.filter((n) => n.concealment?.trim().toLowerCase() === "false floor").length;
              expect(concealment.find((c) => c.label.toLowerCase() === "false floor")?.notices ?? 0).toBe(floors);
            }
            for (const substanceId of SUBSTANCES) {
              const withIt = visible.filter((n) => n.items.some((it) => it.substanceId === substanceId));
              const { total } = await caller.picture.trends({ filters: { substanceId } });
              expect(total.notices).toBe(withIt.length);
              expect(total.kg).toBeCloseTo(kgOf(withIt, substanceId), 3);
            }
          }
        } finally {
          await removeWorld(
            generated.map((n) => n.id),
            people.map((p) => p.id),
          );
        }
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});

describe("the map, from a world made through the procedures (tests/visibility-world.ts)", () => {
  it("for every role, each crossing's count in each period equals the feed's visible set", async () => {
    const seed = Number(process.env.VISIBILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const [spec] = fc.sample(surfacesWorldArb, { numRuns: 1, seed });
    const world = await buildWorld(spec!);
    const all = [world.hub, ...world.notices];
    for (const user of world.users) {
      const { caller } = await callerFor(user);
      for (const day of DAYS) {
        const map = await caller.picture.crossingCounts({ from: day, to: day });
        for (const crossing of CROSSINGS) {
          const expected = all.filter((n) => n.status === "published" && n.crossingId === crossing.id && n.occurredOn === day && mayRead(user, n)).length;
          const feed = await caller.notices.feedCount({ filters: { crossingId: crossing.id, from: day, to: day } });
          expect([seed, user.role, crossing.id, day, map.find((c) => c.id === crossing.id)?.notices, feed.count]).toEqual([
            seed,
            user.role,
            crossing.id,
            day,
            expected,
            expected,
          ]);
        }
      }
    }
  }, 180_000);
});

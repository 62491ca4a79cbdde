import { randomUUID } from "node:crypto";
import { and, arrayContains, eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { companyAlerts, noticeReleaseAgencies, noticeReleaseCountries, notices, pictureNotices, seizureDetails, seizureItems } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { NOTICE_STATUSES, TLP_LEVELS } from "~/schemas/notice-enums";
import type { TrendFilters } from "~/schemas/picture";
import type { Role } from "~/server/auth/roles";
import type { Viewer } from "~/server/auth/sessions";
import { notificationsListener } from "~/server/services/notifications/listener";
import { crossingCounts } from "~/server/services/picture/crossing-counts";
import { trends } from "~/server/services/picture/trends";
import { visibleTo } from "~/server/services/visibility";
import { callerFor } from "~/tests/callers";
import { insertAudience, insertNoticeRow } from "~/tests/model-notices";
import type { ModelUser } from "~/tests/visibility-model";
import { AGENCIES, CROSSINGS, removeWorld, SUBSTANCES } from "~/tests/visibility-world";

// The pre-aggregate (migration 0029) against the live visible set, its reference: for random users
// of every role and random notices of every marking and status, the map's counts and every part of
// the trends (months, kilograms, kind mix, marking, the "top" lists) are the same both ways, after
// the notices are written and again after random edits, retractions, publications, release-list,
// item and text changes (a seizure's concealment and declared-as, a company alert's name). Months
// of their own (2019), so that other tests' notices change neither side of a bounded period.

const ROLES: Role[] = ["analyst", "chief", "agency_admin", "coordinator", "admin"];
const DAYS = ["2019-05-03", "2019-06-14", "2019-06-30"];
// All time too: its "top" lists come from the texts' totals, not their months.
const PERIODS = [{ from: "2019-05-01", to: "2019-06-30" }, { from: "2019-06-01", to: "2019-06-30" }, {}];
const COUNTRIES = ["KZ", "KG", "TJ"];
// The texts of the "top" lists, in spellings that a list counts as one ("False floor", " false floor").
const TEXTS = ["False floor", " false floor", "Goods 1", "goods 1 ", "Tianshan Trade LLC", " "];

const noticeArb = (userCount: number) =>
  fc.record({
    author: fc.nat({ max: userCount - 1 }),
    kind: fc.constantFrom("seizure" as const, "company_alert" as const),
    texts: fc.tuple(fc.constantFrom(...TEXTS), fc.constantFrom(...TEXTS)),
    tlp: fc.constantFrom(...TLP_LEVELS),
    status: fc.constantFrom(...NOTICE_STATUSES),
    crossing: fc.nat({ max: CROSSINGS.length }),
    day: fc.nat({ max: DAYS.length - 1 }),
    items: fc.array(fc.record({ substance: fc.nat({ max: SUBSTANCES.length - 1 }), kg: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 2 }),
    agencies: fc.subarray(AGENCIES.map((a) => a.id)),
    countries: fc.subarray(COUNTRIES),
    recipients: fc.array(fc.nat({ max: userCount - 1 }), { maxLength: 2 }),
    reporter: fc.constantFrom("none" as const, "recipient" as const),
  });
const changeArb = fc.oneof(
  fc.record({
    op: fc.constant("edit" as const),
    tlp: fc.constantFrom(...TLP_LEVELS),
    crossing: fc.nat({ max: CROSSINGS.length }),
    day: fc.nat({ max: DAYS.length - 1 }),
  }),
  fc.record({ op: fc.constantFrom("retract" as const, "publish" as const) }),
  fc.record({ op: fc.constantFrom("releaseAgency" as const, "unreleaseAgency" as const), agency: fc.constantFrom(...AGENCIES.map((a) => a.id)) }),
  fc.record({ op: fc.constantFrom("releaseCountry" as const, "unreleaseCountry" as const), country: fc.constantFrom(...COUNTRIES) }),
  fc.record({ op: fc.constant("item" as const), substance: fc.constantFrom(...SUBSTANCES), kg: fc.integer({ min: 1, max: 900 }) }),
  fc.record({ op: fc.constant("text" as const), text: fc.constantFrom(...TEXTS) }),
);
const worldArb = fc
  .array(fc.record({ agency: fc.constantFrom(...AGENCIES), role: fc.constantFrom(...ROLES) }), { minLength: 2, maxLength: 5 })
  .chain((us) =>
    fc.tuple(fc.constant(us), fc.array(noticeArb(us.length), { minLength: 1, maxLength: 10 }), fc.array(fc.tuple(fc.nat(), changeArb), { maxLength: 6 })),
  );
type NoticeSpec = typeof noticeArb extends (n: number) => fc.Arbitrary<infer T> ? T : never;
type Change = typeof changeArb extends fc.Arbitrary<infer T> ? T : never;

afterAll(() => notificationsListener().stop());

async function insertNotice(model: ModelUser[], spec: NoticeSpec, i: number): Promise<string> {
  const author = model[spec.author]!;
  const id = await insertNoticeRow(author, spec, { kind: spec.kind, title: `a${i}`, occurredOn: DAYS[spec.day]! });
  await insertAudience(id, author, spec, model);
  const [first, second] = spec.texts;
  if (spec.kind === "company_alert") {
    await db.insert(companyAlerts).values({
      noticeId: id,
      names: [{ script: "latin", name: first }],
      grounds: ["misdeclaration"],
      recommendedAction: "Inspect",
      expiresOn: "2030-01-01",
    });
    return id;
  }
  await db.insert(seizureDetails).values({ noticeId: id, concealment: first, declaredAs: second });
  if (spec.items.length)
    await db.insert(seizureItems).values(
      spec.items.map((it, position) => ({
        noticeId: id,
        position,
        substanceId: SUBSTANCES[it.substance]!,
        quantity: it.kg,
        unit: "kg" as const,
        massKg: it.kg,
      })),
    );
  return id;
}

/** One change to a notice, as the app's statements would make it. */
async function change(id: string, c: Change) {
  if (c.op === "edit") {
    const crossing = CROSSINGS[c.crossing];
    await db
      .update(notices)
      .set({ tlp: c.tlp, crossingId: crossing?.id ?? null, countryCode: crossing?.country ?? "TJ", occurredOn: DAYS[c.day]! })
      .where(eq(notices.id, id));
  } else if (c.op === "retract" || c.op === "publish") {
    await db
      .update(notices)
      .set({ status: c.op === "retract" ? "retracted" : "published", publishedAt: sql`coalesce(${notices.publishedAt}, now())` })
      .where(eq(notices.id, id));
  } else if (c.op === "releaseAgency") await db.insert(noticeReleaseAgencies).values({ noticeId: id, agencyId: c.agency }).onConflictDoNothing();
  else if (c.op === "unreleaseAgency")
    await db.delete(noticeReleaseAgencies).where(and(eq(noticeReleaseAgencies.noticeId, id), eq(noticeReleaseAgencies.agencyId, c.agency)));
  else if (c.op === "releaseCountry") await db.insert(noticeReleaseCountries).values({ noticeId: id, countryCode: c.country }).onConflictDoNothing();
  else if (c.op === "unreleaseCountry")
    await db.delete(noticeReleaseCountries).where(and(eq(noticeReleaseCountries.noticeId, id), eq(noticeReleaseCountries.countryCode, c.country)));
  else if (c.op === "text") {
    await db.update(seizureDetails).set({ concealment: c.text }).where(eq(seizureDetails.noticeId, id));
    await db
      .update(companyAlerts)
      .set({ names: [{ script: "latin", name: c.text }] })
      .where(eq(companyAlerts.noticeId, id));
  } else if (c.op === "item")
    await db
      .insert(seizureItems)
      .values({ noticeId: id, position: 9, substanceId: c.substance, quantity: c.kg, unit: "kg", massKg: c.kg })
      .onConflictDoNothing();
}

/** Every filter the pre-aggregate answers, in each period: none, and each crossing, substance, agency and country. */
const FILTERS: Partial<TrendFilters>[] = PERIODS.flatMap((p) => [
  p,
  ...CROSSINGS.map((c) => ({ ...p, crossingId: c.id })),
  ...SUBSTANCES.map((substanceId) => ({ ...p, substanceId })),
  ...AGENCIES.map((a) => ({ ...p, agencyId: a.id })),
  ...COUNTRIES.map((countryCode) => ({ ...p, countryCode })),
]);

async function expectSameBothWays(viewer: Viewer, step: string) {
  for (const period of PERIODS) {
    const [aggregate, live] = await Promise.all([crossingCounts({ viewer, input: period }), crossingCounts({ viewer, input: period }, "live")]);
    expect([step, viewer.role, aggregate]).toEqual([step, viewer.role, live]);
  }
  for (const filters of FILTERS) {
    const [aggregate, live] = await Promise.all([trends({ viewer, input: { filters } }), trends({ viewer, input: { filters } }, db, "live")]);
    expect([step, viewer.role, filters, aggregate]).toEqual([step, viewer.role, filters, live]);
  }
}

/** A member of `agency` who wrote and receives nothing: what they read, every member of it reads. */
function stranger(agency: (typeof AGENCIES)[number], permissions: Viewer["permissions"] = new Set()): Viewer {
  const name = { en: agency.id, ru: agency.id, zh: null };
  return {
    userId: randomUUID(),
    sessionId: randomUUID(),
    email: "stranger@example.org",
    name: "Stranger",
    role: "analyst",
    agencyId: agency.id,
    agencyName: name,
    agencyCountryCode: agency.country,
    dutyStationId: null,
    locale: "en",
    timeZone: "UTC",
    permissions,
  };
}

/**
 * Each notice's classes as THE rule (`visibleTo`) gives them, not as the migration's view states
 * them: `agency:<id>` holds the published AMBER and AMBER+STRICT notices a stranger of that agency
 * reads, `amber` those a stranger with the coordinators' regional reading reads, `all` the CLEAR
 * and GREEN ones a stranger of any agency reads.
 */
async function expectClassesFromRule(ids: string[], step: string) {
  const byRule = async (viewer: Viewer, tlps: ("clear" | "green" | "amber" | "amber_strict")[]) =>
    (
      await db
        .select({ id: notices.id })
        .from(notices)
        .where(and(inArray(notices.id, ids), eq(notices.status, "published"), inArray(notices.tlp, tlps), visibleTo(viewer)))
    )
      .map((r) => r.id)
      .sort();
  const inClass = async (cls: string) =>
    (
      await db
        .select({ id: pictureNotices.noticeId })
        .from(pictureNotices)
        .where(and(inArray(pictureNotices.noticeId, ids), arrayContains(pictureNotices.classes, [cls])))
    )
      .map((r) => r.id)
      .sort();
  const classes = [
    ...AGENCIES.map((a) => ({ cls: `agency:${a.id}`, viewer: stranger(a), tlps: ["amber", "amber_strict"] as const })),
    { cls: "amber", viewer: stranger(AGENCIES[0]!, new Set(["notice.read_region"])), tlps: ["amber", "amber_strict"] as const },
    { cls: "all", viewer: stranger(AGENCIES[0]!), tlps: ["clear", "green"] as const },
  ];
  for (const { cls, viewer, tlps } of classes) expect([step, cls, await inClass(cls)]).toEqual([step, cls, await byRule(viewer, [...tlps])]);
}

describe("the regional picture's pre-aggregate, as a property", () => {
  it("holds each notice in the classes the rule gives, and equals the live visible set for every role, after inserts, edits, retractions and release-list changes", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async ([userSpecs, noticeSpecs, changes]) => {
        const people = await Promise.all(userSpecs.map((u) => createUser(db, { agencyId: u.agency.id, role: u.role, password: null })));
        const model: ModelUser[] = people.map((p, i) => ({
          id: p.id,
          agencyId: p.agencyId,
          country: userSpecs[i]!.agency.country,
          role: p.role,
          active: true,
        }));
        const ids: string[] = [];
        try {
          for (const [i, spec] of noticeSpecs.entries()) ids.push(await insertNotice(model, spec, i));
          const viewers = await Promise.all(people.map(async (p) => (await callerFor(p)).viewer));
          await expectClassesFromRule(ids, "inserted");
          for (const viewer of viewers) await expectSameBothWays(viewer, "inserted");
          for (const [k, c] of changes) await change(ids[k % ids.length]!, c);
          await expectClassesFromRule(ids, "changed");
          for (const viewer of viewers) await expectSameBothWays(viewer, "changed");
        } finally {
          await removeWorld(
            ids,
            people.map((p) => p.id),
          );
        }
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});

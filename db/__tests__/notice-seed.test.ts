import { asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { notices, seizureDetails, seizureItems, users } from "~/db/schema";
import { DEMO_USERS, seedDemo } from "~/db/seed/demo";
import figure from "~/db/seed/data/seizures-1996-2005.json" with { type: "json" };
import { historicalKey } from "~/db/seed/historical";
import { asUser, demoNoticeKey, seedKey } from "~/db/seed/notices";
import { visibleTo } from "~/server/services/visibility";

const SEEDED_TABLES = [
  "notices",
  "notice_release_agencies",
  "notice_release_countries",
  "notice_recipients",
  "notice_links",
  "notice_versions",
  "seizure_details",
  "seizure_items",
  "company_alerts",
  "arrest_details",
  "arrest_persons",
  "arrest_charges",
  "agencies",
  "users",
  "sessions",
  "audit_log",
];

/** Every row of the tables the seed touches, as one fingerprint: equal means nothing changed. */
async function fingerprint(): Promise<string[]> {
  return Promise.all(
    SEEDED_TABLES.map(async (table) => {
      const [row] = await db.execute<{ n: number; h: string }>(
        sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t`),
      );
      return `${table}:${row!.n}:${row!.h}`;
    }),
  );
}

async function idOf(key: string): Promise<string> {
  const [row] = await db.select({ id: notices.id }).from(notices).where(eq(notices.idempotencyKey, key));
  return row!.id;
}

const visibleIds = (email: string) =>
  asUser(email, async (viewer) => new Set((await db.select({ id: notices.id }).from(notices).where(visibleTo(viewer))).map((r) => r.id)));

beforeAll(async () => {
  await seedDemo(db);
});

describe("the demo notices seed", () => {
  it("changes nothing when run again", async () => {
    const before = await fingerprint();
    await seedDemo(db);
    expect(await fingerprint()).toEqual(before);
  });

  it("changes nothing when run again on a later day, when its relative dates make other notices", async () => {
    const before = await fingerprint();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 40 * 86_400_000 });
    try {
      await seedDemo(db);
    } finally {
      vi.useRealTimers();
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("adds the thirteen historical seizures of the UNODC report as CLEAR notices from UNODC, oldest last", async () => {
    const keys = figure.seizures.map((_, index) => seedKey(historicalKey(index)));
    const rows = await db
      .select({
        key: notices.idempotencyKey,
        tlp: notices.tlp,
        status: notices.status,
        agencyId: notices.agencyId,
        author: users.email,
        publishedAt: notices.publishedAt,
      })
      .from(notices)
      .innerJoin(users, eq(users.id, notices.authorId))
      .where(inArray(notices.idempotencyKey, keys))
      .orderBy(asc(notices.publishedAt));
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => r.key)).toEqual(keys);
    for (const row of rows) {
      expect(row).toMatchObject({ tlp: "clear", status: "published", agencyId: "unodc-roca", author: "unodc.coordinator@example.org" });
    }
    const newestCurrent = await db
      .select({ at: sql<Date>`max(${notices.publishedAt})` })
      .from(notices)
      .where(notInArray(notices.idempotencyKey, keys));
    expect(rows.at(-1)!.publishedAt!.getTime()).toBeLessThan(new Date(newestCurrent[0]!.at).getTime());
  });

  it("keeps each historical row's facts: quantities, concealment, origin, transit and country of seizure", async () => {
    const cornOil = await idOf(seedKey(historicalKey(2)));
    const [notice] = await db.select().from(notices).where(eq(notices.id, cornOil));
    const [details] = await db.select().from(seizureDetails).where(eq(seizureDetails.noticeId, cornOil));
    const items = await db.select().from(seizureItems).where(eq(seizureItems.noticeId, cornOil));
    expect(notice).toMatchObject({
      title: "10.02 t of acetic anhydride mislabelled as corn oil, seized in Turkmenistan (1997)",
      occurredOn: "1997-01-01",
      countryCode: "TM",
      tags: ["historical", "acetic-anhydride"],
      sourceReliability: "A",
      infoCredibility: 2,
    });
    expect(notice!.narrative).toContain("Source: UNODC ROCA (2005), Figure 2");
    expect(details).toMatchObject({ concealment: "mislabelled as corn oil", declaredAs: "corn oil", originCountries: ["CN"], transitCountries: ["AE", "IR"] });
    expect(items).toEqual([
      expect.objectContaining({ substanceId: "acetic-anhydride", quantity: 10.02, unit: "t", massKg: 10020, description: "2 shipments in total" }),
    ]);

    // Litres become kilograms through the density; the span of years starts on its first year;
    // the row without a substance stays unidentified.
    const [litres] = await db
      .select()
      .from(seizureItems)
      .where(eq(seizureItems.noticeId, await idOf(seedKey(historicalKey(11)))));
    expect(litres).toMatchObject({ quantity: 375, unit: "L", massKg: 405.75 });
    const span = await idOf(seedKey(historicalKey(12)));
    const [spanNotice] = await db.select().from(notices).where(eq(notices.id, span));
    const [spanItem] = await db.select().from(seizureItems).where(eq(seizureItems.noticeId, span));
    expect(spanNotice).toMatchObject({ occurredOn: "2004-01-01", countryCode: "AF", tags: ["historical"] });
    expect(spanNotice!.narrative).toContain("2004–2005");
    expect(spanItem).toMatchObject({ substanceId: null, quantity: 30, unit: "t" });
  });
});

describe("the demo notices seed, as each demo user reads it", () => {
  it("gives each demo user a different feed, by the TLP rules", async () => {
    const seen = new Map(await Promise.all(DEMO_USERS.map(async (u) => [u.email, await visibleIds(u.email)] as const)));
    const signatures = [...seen.values()].map((ids) => [...ids].sort().join());
    expect(new Set(signatures).size).toBe(DEMO_USERS.length);

    const readers = async (key: string) => {
      const id = await idOf(demoNoticeKey(key));
      return [...seen]
        .filter(([, ids]) => ids.has(id))
        .map(([email]) => email.split("@")[0])
        .sort();
    };
    const everyone = DEMO_USERS.map((u) => u.email.split("@")[0]).sort();
    expect(await readers("torugart-seizure")).toEqual(everyone);
    expect(await readers("eurasia-chem-regional")).toEqual(everyone);
    expect(await readers("khorgos-source-report")).toEqual(["kg.analyst", "kz.chief"]);
    expect(await readers("torugart-arrest")).toEqual(["kg.analyst", "kz.agencyadmin", "kz.chief", "kz.officer", "unodc.coordinator"]);
    expect(await readers("tian-shan-chemical")).toEqual(["kg.analyst", "kz.agencyadmin", "kz.chief", "kz.officer", "unodc.coordinator"]);
    // The administrator belongs to UNODC ROCA, the originating agency of this AMBER notice.
    expect(await readers("murgab-pseudoephedrine")).toEqual(["admin", "tj.chief", "unodc.coordinator"]);
    expect(await readers("karasu-vinegar-essence")).toEqual(["cn.liaison", "tj.chief", "unodc.coordinator"]);
    expect(await readers("dostyk-rail-seizure")).toEqual(["kz.chief", "kz.officer"]);
    expect(await readers("khorgos-couriers")).toEqual(["kg.analyst", "kz.agencyadmin", "kz.chief", "kz.officer", "unodc.coordinator"]);
    expect(await readers("naryn-draft")).toEqual(["kg.analyst"]);

    const statuses = await db
      .select({ key: notices.idempotencyKey, status: notices.status, releasedBy: notices.releasedById })
      .from(notices)
      .where(inArray(notices.idempotencyKey, ["dostyk-rail-seizure", "khorgos-couriers", "irkeshtam-acetone", "naryn-draft"].map(demoNoticeKey)));
    expect(Object.fromEntries(statuses.map((s) => [s.key, s.status]))).toEqual({
      [demoNoticeKey("dostyk-rail-seizure")]: "pending_release",
      [demoNoticeKey("khorgos-couriers")]: "published",
      [demoNoticeKey("irkeshtam-acetone")]: "retracted",
      [demoNoticeKey("naryn-draft")]: "draft",
    });
  });
});

import { randomUUID } from "node:crypto";
import { desc, eq, inArray, sql } from "drizzle-orm";
import superjson from "superjson";
import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { ZFeedInput, ZSearchInput, type FeedFilters } from "~/schemas/notices";
import type { Role } from "~/server/auth/roles";
import { decodeCursor, encodeCursor } from "~/server/services/notices/cursor";
import { feedQuery } from "~/server/services/notices/feed";
import { prepareSearch, searchQuery } from "~/server/services/notices/search";
import { anonymousCaller, callerFor, refusal } from "~/tests/callers";
import { allFeedPages, arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { queryPlan } from "~/tests/query-plan";

type Session = Awaited<ReturnType<typeof callerFor>>;

async function member(agencyId: string, role: Role = "analyst"): Promise<Session> {
  return callerFor(await createUser(db, { agencyId, role }));
}

/** A fresh agency of its own, so a test's notices can be singled out with the agency filter. */
async function freshAuthor(countryCode = "KG") {
  const agency = await createAgency(db, { countryCode });
  return { agency, author: await member(agency.id) };
}

const feed = (session: Session, filters: FeedFilters = {}, more: { cursor?: string; limit?: number } = {}) => session.caller.notices.feed({ filters, ...more });

const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);

describe("the cursor", () => {
  it("round-trips the millisecond timestamp and id, and refuses anything else", async () => {
    const at = new Date("2026-03-14T10:11:12.345Z");
    const id = randomUUID();
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
    for (const garbage of ["", "not a cursor", "@@@", Buffer.from("123.not-a-uuid").toString("base64url"), Buffer.from(`x.${id}`).toString("base64url")]) {
      expect(() => decodeCursor(garbage)).toThrow(/invalid/);
    }
    const session = await member("kz-sgd-customs");
    expect(await refusal(feed(session, {}, { cursor: "garbage!" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(feed(session, {}, { cursor: "Z2FyYmFnZQ" }))).toMatchObject({
      code: "BAD_REQUEST",
      key: "invalid",
      fields: { cursor: { key: "invalid" } },
    });
  });
});

describe("the feed", () => {
  it("combines filters: kind, crossing, country (incl. a seizure's origin and destination), substance, agency, TLP and dates", async () => {
    const { agency, author } = await freshAuthor();
    const mine = { agencyId: agency.id };
    const ids = {
      // Its route starts where it was seized: found once by that country, not twice.
      torugartSeizure: (await createThrough(author.caller, seizureInput({ title: "AA at Torugart", occurredOn: "2026-01-10", originCountries: ["KG"] }))).id,
      afghanSeizure: (
        await createThrough(
          author.caller,
          seizureInput({
            title: "Permanganate in Nangarhar",
            occurredOn: "2025-06-01",
            crossingId: null,
            placeText: "Nangarhar",
            countryCode: "AF",
            originCountries: ["CN"],
            destinationCountries: ["IR"],
            tlp: "green",
            items: [{ substanceId: "potassium-permanganate", quantity: 500, unit: "kg" }],
          }),
        )
      ).id,
      company: (await createThrough(author.caller, companyInput({ title: "Front company at Torugart", occurredOn: "2026-02-01" }))).id,
      arrest: (await createThrough(author.caller, arrestInput({ title: "Driver detained at Irkeshtam", crossingId: "irkeshtam", occurredOn: "2026-02-20" })))
        .id,
    };
    const reader = await member("kz-sgd-customs");
    const found = async (filters: FeedFilters) => (await feed(reader, { ...mine, ...filters })).items.map((i) => i.id).sort();
    const expected = (...list: string[]) => list.sort();

    expect(await found({})).toEqual(expected(...Object.values(ids)));
    expect(await found({ kind: "seizure" })).toEqual(expected(ids.torugartSeizure, ids.afghanSeizure));
    expect(await found({ crossingId: "torugart" })).toEqual(expected(ids.torugartSeizure, ids.company));
    expect(await found({ crossingId: "torugart", kind: "company_alert" })).toEqual(expected(ids.company));
    expect(await found({ countryCode: "KG" })).toEqual(expected(ids.torugartSeizure, ids.company, ids.arrest));
    expect(await found({ countryCode: "AF" })).toEqual(expected(ids.afghanSeizure));
    expect(await found({ countryCode: "CN" })).toEqual(expected(ids.afghanSeizure));
    expect(await found({ countryCode: "IR", kind: "seizure" })).toEqual(expected(ids.afghanSeizure));
    expect(await found({ countryCode: "TJ" })).toEqual([]);
    expect(await found({ substanceId: "acetic-anhydride" })).toEqual(expected(ids.torugartSeizure));
    expect(await found({ substanceId: "potassium-permanganate", countryCode: "KG" })).toEqual([]);
    expect(await found({ tlp: "amber" })).toEqual(expected(ids.arrest));
    expect(await found({ from: "2026-01-10", to: "2026-02-01" })).toEqual(expected(ids.torugartSeizure, ids.company));
    expect(await found({ from: "2026-02-02" })).toEqual(expected(ids.arrest));
    expect(await found({ to: "2025-12-31", kind: "seizure" })).toEqual(expected(ids.afghanSeizure));
    // An AMBER arrest released to Kazakhstan is not in a Tajik reader's feed, whatever the filters.
    const tajik = await member("tj-customs");
    expect((await feed(tajik, mine)).items.map((i) => i.id).sort()).toEqual(expected(ids.torugartSeizure, ids.afghanSeizure, ids.company));
  });

  it("returns summaries only: kind facts, never people's names, the narrative cut short", async () => {
    const { agency, author } = await freshAuthor();
    const narrative = `## Summary\n\nThe **driver** declared [corn oil](https://example.org) — ${"word ".repeat(100)}`;
    await createThrough(
      author.caller,
      seizureInput({
        title: "Two items",
        narrative,
        items: [
          { substanceId: "acetic-anhydride", quantity: 2, unit: "t" },
          { substanceId: "acetic-anhydride", quantity: 1000, unit: "L" },
          { substanceId: null, description: "white powder", quantity: 3, unit: "barrel" },
        ],
      }),
    );
    await createThrough(
      author.caller,
      companyInput({
        title: "Expired alert",
        names: [
          { script: "cyrillic", name: "ТОО Альфа" },
          { script: "latin", name: "Alpha LLP" },
        ],
        expiresOn: "2020-01-01",
      }),
    );
    await createThrough(
      author.caller,
      arrestInput({
        title: "Two detained",
        persons: [
          { names: { latin: "Secretus Personus" }, role: "driver" },
          { names: { cyrillic: "Тайный Человек" }, role: "courier" },
        ],
      }),
    );
    const page = await feed(await member("kz-sgd-customs"), { agencyId: agency.id });
    const byTitle = Object.fromEntries(page.items.map((i) => [i.title, i]));

    const seizure = byTitle["Two items"]!;
    expect(seizure.excerpt.startsWith("Summary The driver declared corn oil — word word")).toBe(true);
    expect(seizure.excerpt.length).toBeLessThanOrEqual(201);
    expect(seizure.excerpt.endsWith("…")).toBe(true);
    // 2 t, plus 1000 L through the substance's density; barrels have no mass and are left out.
    expect(seizure.seizure).toMatchObject({ unidentified: true, substances: [{ id: "acetic-anhydride", name: "Acetic anhydride" }] });
    expect(seizure.seizure!.massKg).toBeGreaterThan(3000);
    expect(seizure).toMatchObject({
      crossing: { id: "torugart", name: "Torugart" },
      countryCode: "KG",
      countryName: "Kyrgyzstan",
      agency: { id: agency.id },
      tlp: "clear",
      status: "published",
    });
    // Names come in the reader's language.
    const russian = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", locale: "ru" }));
    const [inRussian] = (await feed(russian, { agencyId: agency.id, kind: "seizure" })).items;
    expect(inRussian).toMatchObject({ crossing: { name: "Торугарт" }, countryName: "Кыргызстан", seizure: { substances: [{ name: "Уксусный ангидрид" }] } });

    expect(byTitle["Expired alert"]!.companyAlert).toEqual({ name: "ТОО Альфа", expiresOn: "2020-01-01", expired: true });
    const arrest = byTitle["Two detained"]!;
    expect(arrest.arrest).toEqual({ personCount: 2 });
    expect(JSON.stringify(page)).not.toMatch(/Secretus|Тайный/);
    // Plain JSON throughout, as the router declares it (server/api/transformer.ts): superjson
    // would find nothing of its own to carry.
    expect(superjson.serialize(page).meta).toBeUndefined();
    expect(Object.keys(arrest).sort()).toEqual(
      [
        "id",
        "kind",
        "title",
        "excerpt",
        "occurredOn",
        "occurredAt",
        "publishedAt",
        "crossing",
        "placeText",
        "countryCode",
        "countryName",
        "agency",
        "tlp",
        "status",
        "tags",
        "seizure",
        "companyAlert",
        "arrest",
      ].sort(),
    );
  });

  it("pages by keyset: inserts between pages cause no duplicates and no gaps", async () => {
    const { agency, author } = await freshAuthor();
    for (let i = 0; i < 7; i++) await createThrough(author.caller, seizureInput({ title: `Older ${i}` }));
    const expected = (
      await db.select({ id: notices.id }).from(notices).where(eq(notices.agencyId, agency.id)).orderBy(desc(notices.publishedAt), desc(notices.id))
    ).map((r) => r.id);
    const reader = await member("kz-sgd-customs");
    const filters = { agencyId: agency.id };

    const first = await feed(reader, filters, { limit: 3 });
    expect(first.items.map((i) => i.id)).toEqual(expected.slice(0, 3));
    expect(first.nextCursor).toEqual(expect.any(String));
    await createThrough(author.caller, seizureInput({ title: "Newer 1" }));
    await createThrough(author.caller, seizureInput({ title: "Newer 2" }));
    const second = await feed(reader, filters, { limit: 3, cursor: first.nextCursor! });
    const third = await feed(reader, filters, { limit: 3, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual(expected);
    expect(third.nextCursor).toBeNull();
    // The newcomers head the feed for whoever starts again.
    expect(titles(await feed(reader, filters, { limit: 2 })).sort()).toEqual(["Newer 1", "Newer 2"]);
  });

  it("orders notices published in the same millisecond by id, across page boundaries", async () => {
    const { agency, author } = await freshAuthor();
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await createThrough(author.caller, seizureInput({ title: `Tie ${i}` }))).id);
    await db
      .update(notices)
      .set({ publishedAt: new Date("2026-03-14T08:00:00.123Z") })
      .where(inArray(notices.id, created));
    const reader = await member("kz-sgd-customs");
    for (const limit of [1, 2, 4]) {
      expect(await allFeedPages(reader.caller, { agencyId: agency.id }, limit)).toEqual([...created].sort().reverse());
    }
  });

  it("leaves retracted notices out, but finds them with the status filter", async () => {
    const { agency, author } = await freshAuthor();
    const kept = await createThrough(author.caller, seizureInput({ title: "Still standing" }));
    const gone = await createThrough(author.caller, seizureInput({ title: "Withdrawn seizure" }));
    await author.caller.notices.retract({ id: gone.id, reason: "Duplicate of another notice" });
    const reader = await member("kz-sgd-customs");
    expect((await feed(reader, { agencyId: agency.id })).items.map((i) => i.id)).toEqual([kept.id]);
    const retracted = await feed(reader, { agencyId: agency.id, status: "retracted" });
    expect(retracted.items.map((i) => [i.id, i.status])).toEqual([[gone.id, "retracted"]]);
  });

  it("shows drafts to their author only, and pending notices to the author and the agency's chiefs", async () => {
    const { agency, author } = await freshAuthor();
    const colleague = await member(agency.id);
    const chief = await member(agency.id, "chief");
    const draft = await createThrough(author.caller, seizureInput({ title: "Half-written" }), { asDraft: true });
    const filters = { agencyId: agency.id, status: "draft" } as const;
    expect((await feed(author, filters)).items.map((i) => i.id)).toEqual([draft.id]);
    expect((await feed(colleague, filters)).items).toEqual([]);
    expect((await feed(chief, filters)).items).toEqual([]);
    expect((await feed(author, { agencyId: agency.id })).items).toEqual([]);

    const strict = await createAgency(db, { countryCode: "KG", requiresRelease: true });
    const analyst = await member(strict.id);
    const waiting = await createThrough(analyst.caller, seizureInput({ title: "Waiting for the chief" }));
    expect(waiting.status).toBe("pending_release");
    const pending = { agencyId: strict.id, status: "pending_release" } as const;
    expect((await feed(analyst, pending)).items.map((i) => i.id)).toEqual([waiting.id]);
    expect((await feed(await member(strict.id, "chief"), pending)).items.map((i) => i.id)).toEqual([waiting.id]);
    expect((await feed(await member("kz-sgd-customs", "chief"), pending)).items).toEqual([]);
  });

  it("is refused without a session", async () => {
    expect(await refusal(anonymousCaller().notices.feed({}))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("search", () => {
  const search = (session: Session, q: string, more: { cursor?: string; limit?: number } = {}) => session.caller.notices.search({ q, ...more });
  const hits = (parts: { text: string; hit: boolean }[]) => parts.filter((p) => p.hit).map((p) => p.text);

  it("finds notices by a title word, a Russian word, a misspelt company name, a Chinese name and a person's name", async () => {
    const { author } = await freshAuthor();
    const seizure = await createThrough(
      author.caller,
      seizureInput({ title: "Zirconium mislabelled as textiles", narrative: "Груз задекларирован как **растительное** масло, уксусный ангидрид в бочках." }),
    );
    const company = await createThrough(
      author.caller,
      companyInput({
        title: "Suspect exporter",
        names: [
          { script: "latin", name: "Qarakorum Chemical Trading" },
          { script: "chinese", name: "喀喇昆仑化工贸易有限公司" },
        ],
        narrative: "该公司曾向乌鲁木齐发运货物。",
      }),
    );
    const arrest = await createThrough(
      author.caller,
      arrestInput({ title: "Courier detained", persons: [{ names: { latin: "Baktygul Esenalieva" }, role: "courier" }] }),
    );
    const spaced = await createThrough(
      author.caller,
      companyInput({ title: "Front company", names: [{ script: "latin", name: "Tian Shan Petrochem Group" }] }),
    );
    const reader = await member("kz-sgd-customs");
    const ids = async (q: string) => (await search(reader, q)).items.map((i) => i.id);

    expect(await ids("zirconium")).toEqual([seizure.id]);
    expect(await ids("растительное")).toEqual([seizure.id]);
    expect(await ids("Qarakorum Chemicl")).toEqual([company.id]);
    expect(await ids("昆仑化工")).toEqual([company.id]);
    expect(await ids("乌鲁木齐")).toEqual([company.id]);
    expect(await ids("Esenalieva")).toEqual([arrest.id]);
    // Misspellings are corrected to words everyone may read only (see search-vocabulary.test.ts),
    // and an arrest is never CLEAR or GREEN: a person's name must be spelt as written.
    expect(await ids("Esenaliyeva")).toEqual([]);
    // A name written as one word is found where it was written as two, and the other way round.
    expect(await ids("Tianshan Petrochem")).toEqual([spaced.id]);
    expect(await ids("Qara korum")).toEqual([company.id]);

    const [russian] = (await search(reader, "растительное")).items;
    expect(hits(russian!.snippet)).toEqual(["растительное"]);
    expect(russian!.snippet.map((p) => p.text).join("")).not.toContain("**");
    const [chinese] = (await search(reader, "乌鲁木齐")).items;
    expect(hits(chinese!.snippet)).toEqual(["乌鲁木齐"]);
    expect(superjson.serialize(await search(reader, "Qarakorum")).meta).toBeUndefined();
    // Found by a person's name, the summary still names no one.
    expect(JSON.stringify(await search(reader, "Esenalieva"))).not.toMatch(/Baktygul|Esenalieva/);
  });

  it("never returns, nor snippets, a notice the viewer may not read", async () => {
    const { author } = await freshAuthor("KG");
    const word = `quokka${randomUUID().slice(0, 8)}`;
    const strict = await createThrough(
      author.caller,
      seizureInput({ title: `Strict ${word}`, narrative: `Only for the Kazakh customs: ${word}.`, tlp: "amber_strict", releaseAgencyIds: ["kz-sgd-customs"] }),
    );
    const insider = await member("kz-sgd-customs");
    const inside = await search(insider, word);
    expect(inside.items.map((i) => i.id)).toEqual([strict.id]);
    expect(hits(inside.items[0]!.snippet)).toEqual([word]);

    // Same country, other agency: AMBER+STRICT reaches the listed agencies only.
    for (const outsider of [await member("kz-border-service"), await member("tj-customs"), await member("kg-customs", "chief")]) {
      for (const q of [word, `${word.slice(0, -1)}x`]) {
        const result = await search(outsider, q);
        expect(result).toMatchObject({ items: [], nextCursor: null, total: 0, suggestion: null, entities: [] });
        expect(Object.values(result.facets).flat()).toEqual([]);
      }
      expect((await outsider.caller.notices.feed({ filters: { agencyId: author.viewer.agencyId } })).items).toEqual([]);
    }
  });

  it("finds retracted notices but not drafts, and pages newest first by the same cursor", async () => {
    const { author } = await freshAuthor();
    const word = `wombat${randomUUID().slice(0, 8)}`;
    const made = [];
    for (let i = 0; i < 4; i++) made.push((await createThrough(author.caller, seizureInput({ title: `${word} ${i}` }))).id);
    await author.caller.notices.retract({ id: made[0]!, reason: "Entered twice" });
    await createThrough(author.caller, seizureInput({ title: `${word} draft` }), { asDraft: true });
    const reader = await member("kz-sgd-customs");
    const first = await search(reader, word, { limit: 3 });
    const second = await search(reader, word, { limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...made].reverse());
    expect(second.items.at(-1)!.status).toBe("retracted");
    expect(second.nextCursor).toBeNull();
    // Not even its author finds a draft by search: search covers what was released.
    expect((await search(author, `${word} draft`)).items.map((i) => i.title)).not.toContain(`${word} draft`);
  });

  it("finds nothing for a query of punctuation alone, and a single Chinese character by the words it starts", async () => {
    const { author } = await freshAuthor();
    const notice = await createThrough(author.caller, seizureInput({ title: "麻黄碱 shipment", narrative: "Declared as 药材." }));
    const reader = await member("kz-sgd-customs");
    expect((await search(reader, "%_%")).items).toEqual([]);
    expect((await search(reader, "麻")).items.map((i) => i.id)).toEqual([notice.id]);
    expect((await search(reader, "黄碱")).items.map((i) => i.id)).toEqual([notice.id]);
  });
});

describe("index use", () => {
  it("walks the feed indexes in order, and searches by the index or the newest notices as the query is rare or common", async () => {
    const agency = await createAgency(db, { countryCode: "KZ" });
    const author = await createUser(db, { agencyId: agency.id, role: "analyst" });
    // Bulk rows straight into the table: thousands of notices through the service would take minutes.
    // One statement longer than a request may take (the search vector's stems, on a busy machine).
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL statement_timeout = '120s'`);
      await tx.execute(sql`
        INSERT INTO notices (kind, title, narrative, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
                             source_reliability, info_credibility, handling_code, published_at, search_names)
        SELECT 'seizure', 'Bulk notice ' || g, 'Routine shipment number ' || g, date '2010-01-01' + (g % 5000),
               (array['torugart','dostyk','khorgos','irkeshtam'])[1 + g % 4], (array['KG','KZ','KZ','KG'])[1 + g % 4],
               ${agency.id}, ${author.id}, (array['clear','green','amber','amber_strict']::tlp[])[1 + g % 4], 'published',
               'B', 2, 'intelligence_only', timestamptz '2010-01-01' + g * interval '1 hour',
               CASE WHEN g % 100 = 0 THEN 'Company ' || g || ' Trading LLC' ELSE '' END
        FROM generate_series(1, 30000) g`);
    });
    await db.execute(sql`ANALYZE notices`);
    const reader = await member("kz-sgd-customs");
    const feedInput = (filters: FeedFilters = {}, cursor?: string) => ZFeedInput.parse({ filters, cursor });

    const home = await queryPlan(feedQuery(reader.viewer, feedInput()));
    expect(home).toMatch(/Index Scan using notices_feed_idx/);
    expect(home).not.toMatch(/Sort Key: notices\.published_at/);
    const cursor = encodeCursor({ at: new Date("2011-01-01T00:00:00Z"), id: randomUUID() });
    const deep = await queryPlan(feedQuery(reader.viewer, feedInput({}, cursor)));
    expect(deep).toMatch(/Index Scan using notices_feed_idx[\s\S]*Index Cond: \(ROW\(published_at, id\) < ROW\(/);
    expect(await queryPlan(feedQuery(reader.viewer, feedInput({ crossingId: "torugart" }, cursor)))).toMatch(/Index Scan using notices_crossing_feed_idx/);
    expect(await queryPlan(feedQuery(reader.viewer, feedInput({ agencyId: "kg-customs" })))).toMatch(/notices_agency_feed_idx/);
    expect(await queryPlan(feedQuery(reader.viewer, feedInput({ countryCode: "KG" })))).toMatch(/Index Scan using notices_country_feed_idx/);

    // The search reads the word statistics of ANALYZE at most every ten minutes: let them be
    // read afresh, as they would be by then.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 11 * 60_000);
    const search = async (q: string) => {
      const prepared = await prepareSearch(q);
      return { plan: prepared.plan, text: await queryPlan(searchQuery(reader.viewer, ZSearchInput.parse({ q }), prepared)) };
    };
    try {
      // Rare: the matching ids gathered first (by the search index at scale; at 30,000 rows the
      // planner may as well scan), then only those notices read and sorted.
      for (const q of ["zirconium", "Company 4200 Tradng"]) {
        const rare = await search(q);
        expect(rare.plan).toBe("matches_first");
        // "(InitPlan 7).col1" on PostgreSQL 18, "$6" on 15: the array the initplan gathered.
        expect(rare.text).toMatch(/InitPlan \d+[\s\S]*Index Cond: \(id = ANY \((\$\d+|\(InitPlan \d+\)\.col1)\)\)/);
        expect(rare.text).not.toMatch(/notices_released_idx/);
      }
      // Common (in all 30,000): the newest notices walked in order until a page is full.
      const common = await search("routine shipment");
      expect(common.plan).toBe("newest_first");
      expect(common.text).toMatch(/Index Scan using notices_released_idx/);
      expect(common.text).not.toMatch(/Sort Key: notices\.published_at/);
    } finally {
      vi.useRealTimers();
    }
    // 30,000 notices written in one statement: longer than a test may take on a busy machine.
  }, 120_000);
});

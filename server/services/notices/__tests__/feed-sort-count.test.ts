import { randomUUID } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { FEED_SORTS, ZFeedInput, type FeedFilters, type FeedSort } from "~/schemas/notices";
import type { Role } from "~/server/auth/roles";
import { encodeCursor } from "~/server/services/notices/cursor";
import { feedQuery } from "~/server/services/notices/feed";
import { FEED_COUNT_CAP } from "~/server/services/notices/feed-count";
import { anonymousCaller, callerFor, refusal } from "~/tests/callers";
import { allFeedPages, arrestInput, createThrough, seizureInput } from "~/tests/notices";
import { queryPlan } from "~/tests/query-plan";

type Session = Awaited<ReturnType<typeof callerFor>>;

const member = async (agencyId: string, role: Role = "analyst"): Promise<Session> => callerFor(await createUser(db, { agencyId, role }));

describe("the feed's sort", () => {
  it("pages every order by keyset, ties broken by id, with no duplicates and no gaps", async () => {
    const agency = await createAgency(db, { countryCode: "KG" });
    const author = await member(agency.id);
    // Occurrence days and publication times that disagree with each other, with ties in both.
    const plan = [
      { occurredOn: "2026-01-05", publishedAt: "2026-03-01T10:00:00.000Z" },
      { occurredOn: "2026-02-10", publishedAt: "2026-03-01T09:00:00.000Z" },
      { occurredOn: "2026-02-10", publishedAt: "2026-03-02T08:00:00.000Z" },
      { occurredOn: "2025-12-31", publishedAt: "2026-03-02T08:00:00.000Z" },
      { occurredOn: "2026-02-10", publishedAt: "2026-02-28T23:59:59.999Z" },
      { occurredOn: "2026-01-20", publishedAt: "2026-03-03T00:00:00.000Z" },
    ];
    const rows: { id: string; occurredOn: string; publishedAt: string }[] = [];
    for (const [i, p] of plan.entries()) {
      const { id } = await createThrough(author.caller, seizureInput({ title: `Sorted ${i}`, occurredOn: p.occurredOn }));
      await db
        .update(notices)
        .set({ publishedAt: new Date(p.publishedAt) })
        .where(eq(notices.id, id));
      rows.push({ id, ...p });
    }
    const by = (key: "occurredOn" | "publishedAt", ascending: boolean) =>
      [...rows].sort((a, b) => (a[key] === b[key] ? (a.id < b.id ? -1 : 1) : a[key] < b[key] ? -1 : 1) * (ascending ? 1 : -1)).map((r) => r.id);
    const expected: Record<FeedSort, string[]> = {
      posted: by("publishedAt", false),
      posted_asc: by("publishedAt", true),
      occurred: by("occurredOn", false),
      occurred_asc: by("occurredOn", true),
    };
    const reader = await member("kz-sgd-customs");
    for (const sort of FEED_SORTS) {
      for (const limit of [1, 2, 4, 25]) {
        expect(await allFeedPages(reader.caller, { agencyId: agency.id }, limit, sort), `${sort} in pages of ${limit}`).toEqual(expected[sort]);
      }
    }
  });

  it("walks an index in each order instead of sorting the table", async () => {
    const agency = await createAgency(db, { countryCode: "KZ" });
    const author = await createUser(db, { agencyId: agency.id, role: "analyst" });
    await bulkNotices(agency.id, author.id, 20_000);
    await db.execute(sql`ANALYZE notices`);
    const reader = await member("kz-sgd-customs");
    const planOf = (sort: FeedSort, cursor?: string) => queryPlan(feedQuery(reader.viewer, ZFeedInput.parse({ sort, cursor })));
    const cursor = encodeCursor({ at: new Date("2015-01-01T00:00:00Z"), id: randomUUID() });
    for (const at of [undefined, cursor]) {
      expect(await planOf("posted_asc", at)).toMatch(/Index Scan Backward using notices_feed_idx/);
      expect(await planOf("occurred", at)).toMatch(/Index Scan Backward using notices_occurred_idx/);
      expect(await planOf("occurred_asc", at)).toMatch(/Index Scan using notices_occurred_idx/);
      for (const sort of FEED_SORTS) expect(await planOf(sort, at)).not.toMatch(/Seq Scan on notices/);
    }
  });
});

/** Published CLEAR to AMBER+STRICT notices straight into the table: thousands through the service would take minutes. */
async function bulkNotices(agencyId: string, authorId: string, count: number, tlps: SQL = sql`array['clear','green','amber','amber_strict']::tlp[]`) {
  await db.execute(sql`
    INSERT INTO notices (kind, title, narrative, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
                         source_reliability, info_credibility, handling_code, published_at)
    SELECT 'seizure', 'Bulk notice ' || g, 'Routine shipment number ' || g, date '2010-01-01' + (g % 5000),
           (array['torugart','dostyk','khorgos','irkeshtam'])[1 + g % 4], (array['KG','KZ','KZ','KG'])[1 + g % 4],
           ${agencyId}, ${authorId}, (${tlps})[1 + g % cardinality(${tlps})], 'published',
           'B', 2, 'intelligence_only', timestamptz '2010-01-01' + g * interval '1 hour'
    FROM generate_series(1, ${count}) g`);
}

describe("the feed's count", () => {
  it("counts only what the reader may read, with the feed's filters, a seizure's route included", async () => {
    const agency = await createAgency(db, { countryCode: "KG" });
    const author = await member(agency.id);
    const mine = { agencyId: agency.id };
    await createThrough(author.caller, seizureInput({ title: "Open seizure", originCountries: ["CN"] }));
    await createThrough(author.caller, seizureInput({ title: "Green seizure", tlp: "green", crossingId: "irkeshtam" }));
    // AMBER released to Kazakhstan only: a Tajik reader neither sees nor counts it.
    await createThrough(author.caller, arrestInput({ title: "Arrest for Kazakhstan" }));
    const kazakh = await member("kz-sgd-customs");
    const tajik = await member("tj-customs");
    const count = async (session: Session, filters: FeedFilters) => session.caller.notices.feedCount({ filters: { ...mine, ...filters } });

    expect(await count(kazakh, {})).toEqual({ count: 3, more: false });
    expect(await count(tajik, {})).toEqual({ count: 2, more: false });
    expect(await count(tajik, { kind: "arrest" })).toEqual({ count: 0, more: false });
    expect(await count(kazakh, { crossingId: "torugart" })).toEqual({ count: 2, more: false });
    expect(await count(kazakh, { countryCode: "CN" })).toEqual({ count: 1, more: false });
    expect(await count(kazakh, { countryCode: "KG" })).toEqual({ count: 3, more: false });
    expect(await count(kazakh, { status: "retracted" })).toEqual({ count: 0, more: false });
    expect(await count(kazakh, { to: "2020-01-01" })).toEqual({ count: 0, more: false });
    expect(await refusal(anonymousCaller().notices.feedCount({}))).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("stops at the cap and says there are more, counting only readable notices towards it", async () => {
    const agency = await createAgency(db, { countryCode: "KZ" });
    const author = await createUser(db, { agencyId: agency.id, role: "analyst" });
    // Half CLEAR, half AMBER+STRICT (released to nobody else): a reader elsewhere may read half.
    const both = sql`array['clear','amber_strict']::tlp[]`;
    await bulkNotices(agency.id, author.id, 2 * FEED_COUNT_CAP, both);
    const reader = await member("tj-customs");
    const count = (filters: FeedFilters) => reader.caller.notices.feedCount({ filters: { agencyId: agency.id, ...filters } });
    expect(await count({})).toEqual({ count: FEED_COUNT_CAP, more: false });
    expect(await count({ tlp: "amber_strict" })).toEqual({ count: 0, more: false });
    await bulkNotices(agency.id, author.id, 2, sql`array['clear']::tlp[]`);
    expect(await count({})).toEqual({ count: FEED_COUNT_CAP, more: true });
    expect(await count({ countryCode: "KG" })).toEqual({ count: FEED_COUNT_CAP / 2, more: false });
  });
});

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { createAgency, createUser } from "~/db/seed/factories";
import { ZFeedInput, ZSearchInput, type FeedFilters } from "~/schemas/notices";
import { encodeCursor } from "~/server/services/notices/cursor";
import { feedQuery } from "~/server/services/notices/feed";
import { prepareSearch, searchQuery } from "~/server/services/notices/search";
import { queryPlan } from "~/tests/query-plan";
import { member } from "./feed-search-fixtures";

// The feed and search plans at scale: each walks the index it was built for.

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

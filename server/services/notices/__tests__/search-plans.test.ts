import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { createAgency, createUser } from "~/db/seed/factories";
import { ZSearchInput } from "~/schemas/notices";
import { searchConditions, searchNotices, searchPageQuery } from "~/server/services/notices/search";
import { COMMON_FACET_SAMPLE, searchFacets } from "~/server/services/notices/search-facets";
import { callerFor } from "~/tests/callers";
import { queryPlan } from "~/tests/query-plan";

// The cross-language scenarios of bench/feed.ts (issue #16), each planned on an index: a substance
// named in Russian or Chinese is the substance filter's index; a plate is a rare word of the search
// index; a declared HS code that thousands of seizures share is the newest notices walked in order.

describe("index use of the cross-language searches", () => {
  it("plans each scenario of the benchmark on an index", async () => {
    const agency = await createAgency(db, { countryCode: "KG" });
    const author = await createUser(db, { agencyId: agency.id, role: "analyst" });
    await db.transaction(async (tx) => {
      // One statement longer than a request may take, on a busy machine.
      await tx.execute(sql`SET LOCAL statement_timeout = '120s'`);
      await tx.execute(sql`
        INSERT INTO notices (kind, title, narrative, occurred_on, crossing_id, country_code, agency_id, author_id, tlp, status,
                             source_reliability, info_credibility, handling_code, published_at, search_identifiers, substance_ids)
        SELECT 'seizure', 'Изъятие ' || g, 'Груз задекларирован как разбавитель для красок', date '2010-01-01' + (g % 5000),
               'torugart', 'KG', ${agency.id}, ${author.id}, (array['clear','green','amber','amber_strict']::tlp[])[1 + g % 4], 'published',
               'B', 2, 'intelligence_only', timestamptz '2010-01-01' + g * interval '1 hour',
               '381400 ' || lpad(g::text, 5, '0') || 'ka01',
               CASE g % 20 WHEN 0 THEN ARRAY['acetic-anhydride'] WHEN 1 THEN ARRAY['potassium-permanganate'] ELSE '{}' END
        FROM generate_series(1, 30000) g`);
    });
    await db.execute(sql`ANALYZE notices`);
    await db.execute(sql`ANALYZE notice_substances`);
    const { viewer } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" }));
    // The search reads the word statistics at most every ten minutes: let them be read afresh.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 11 * 60_000);
    const plan = async (q: string) => queryPlan((await searchPageQuery(viewer, ZSearchInput.parse({ q }))).query);
    try {
      for (const q of ["уксусного ангидрида", "高锰酸钾"]) {
        const named = await plan(q);
        expect(named, q).toMatch(/Index (Only )?Scan using notice_substances_feed_idx/);
        expect(named, q).not.toMatch(/Sort Key/);
      }
      // Rare: the matching ids gathered by the search index, then only those notices read.
      const plate = await plan("00421 КА 01");
      expect(plate).toMatch(/Bitmap Index Scan on notices_search_idx/);
      expect(plate).toMatch(/Index Cond: \(id = ANY \((\$\d+|\(InitPlan \d+\)\.col1)\)\)/);
      // Common (in every seizure): the newest notices walked in order until a page is full.
      const code = await plan("3814.00");
      expect(code).toMatch(/Index Scan using notices_released_idx/);
      expect(code).not.toMatch(/Sort Key: notices\.published_at/);

      // The facets of a substance named alone may walk the substance's own index (the plan at a
      // million notices: bench:feed), and count the same as a walk of all notices does.
      const named = searchConditions(viewer, { substanceId: "acetic-anhydride" }, null);
      const walked = await searchFacets(viewer, named, { walkSubstance: "acetic-anhydride" });
      expect(walked.total).toBeGreaterThan(0);
      expect(walked).toEqual(await searchFacets(viewer, named));
      // A common query's count stops at COMMON_FACET_SAMPLE: the walk reads every notice's words.
      const common = await searchNotices({ viewer, input: ZSearchInput.parse({ q: "3814.00" }) });
      expect({ total: common.total, more: common.more }).toEqual({ total: COMMON_FACET_SAMPLE, more: true });
    } finally {
      vi.useRealTimers();
    }
    // 30,000 notices written in one statement: longer than a test may take on a busy machine.
  }, 120_000);
});

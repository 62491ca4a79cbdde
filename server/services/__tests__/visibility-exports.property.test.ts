import { describe, expect, it } from "vitest";
import { TAXII_LIMIT_MAX } from "~/schemas/taxii";
import { refusal } from "~/tests/callers";
import { CROSSINGS } from "~/tests/visibility-world";
import { all, eachReader, leaks, missingId, ofWorld, SEED, useGeneratedWorld, type Reader } from "~/tests/visibility-readers";

// What leaves the platform, from one generated world (tests/visibility-readers.ts): STIX, CSV,
// TAXII and Form D.
useGeneratedWorld();

const named = (text: string, pattern: RegExp) => new Set(ofWorld([...text.matchAll(pattern)].map((m) => m[1]!)));
const inStix = (bundle: unknown) => named(JSON.stringify(bundle), /"notice_id":"([0-9a-f-]{36})"/g);
const inCsv = (csv: string) => named(csv, /\r\n[^,]*,([0-9a-f-]{36}),/g);

/** The feed's export: the feed's default (published notices), through the same rule. */
async function expectFeedExports(r: Reader, published: Set<string>) {
  const { bundle } = await r.caller.exports.stix({ scope: "feed", filters: {} });
  const { csv } = await r.caller.exports.csv({ scope: "feed", filters: {} });
  expect(leaks(r, bundle)).toEqual([]);
  expect(leaks(r, csv)).toEqual([]);
  expect([r.user.role, inStix(bundle)]).toEqual([r.user.role, published]);
  expect([r.user.role, inCsv(csv)]).toEqual([r.user.role, published]);
}

/** The TAXII collection, followed page by page to its end: the same published notices. */
async function expectTaxii(r: Reader, published: Set<string>) {
  const taxii: unknown[] = [];
  for (let next: string | undefined, more = true; more;) {
    const page = await r.caller.exports.taxii({ limit: TAXII_LIMIT_MAX, next });
    taxii.push(page.entries);
    ({ more } = page);
    next = page.next ?? undefined;
  }
  expect(leaks(r, taxii)).toEqual([]);
  expect([r.user.role, inStix(taxii)]).toEqual([r.user.role, published]);
}

/** One notice's export: itself if readable, else the refusal of a notice that does not exist. */
async function expectNoticeExports(r: Reader) {
  const missing = await refusal(r.caller.exports.stix({ scope: "notice", id: missingId }));
  for (const n of all) {
    if (r.may(n)) expect(inStix((await r.caller.exports.stix({ scope: "notice", id: n.id })).bundle)).toEqual(new Set([n.id]));
    else
      expect([r.user.role, n.tlp, n.status, await refusal(r.caller.exports.csv({ scope: "notice", id: n.id }))]).toEqual([
        r.user.role,
        n.tlp,
        n.status,
        missing,
      ]);
  }
}

/** Form D of each country: the readable published seizures of that country, and only them. */
async function expectFormD(r: Reader) {
  for (const countryCode of new Set(CROSSINGS.map((c) => c.country))) {
    const report = await r.caller.exports.formD({ countryCode, year: 2026, as: "page" });
    expect(leaks(r, report)).toEqual([]);
    const counted = new Set([...report.tableI, ...report.tableII].flatMap((line) => line.noticeIds).concat(report.nonScheduled.map((item) => item.noticeId)));
    const expected = all.filter((n) => r.may(n) && n.kind === "seizure" && n.status === "published" && n.countryCode === countryCode).map((n) => n.id);
    expect([r.user.role, countryCode, counted]).toEqual([r.user.role, countryCode, new Set(expected)]);
  }
}

describe(`visibility in exports, from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  it("exports: STIX, CSV, TAXII and Form D carry exactly the notices the reader may read, and refuse a hidden one like a missing one", async () => {
    await eachReader(async (r) => {
      const published = new Set(all.filter((n) => r.may(n) && n.status === "published").map((n) => n.id));
      await expectFeedExports(r, published);
      await expectTaxii(r, published);
      await expectNoticeExports(r);
      await expectFormD(r);
    });
  });
});

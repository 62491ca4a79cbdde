import { parse } from "csv-parse/sync";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { selectionFromParams, selectionParams, ZExportSelection } from "~/schemas/exports";
import { auditLog } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { callerFor, refusal } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";
import { stixErrors } from "~/tests/stix-schemas";
import { CSV_COLUMNS } from "../csv";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

let author: Caller;
let outsider: Caller;
const ids: Record<string, string> = {};

const seizure = seizureInput({
  title: "Acetic anhydride in a truck of paint",
  items: [
    { substanceId: "acetic-anhydride", quantity: 12.5, unit: "t" },
    { substanceId: null, description: "=cmd|' /C calc'!A0 white powder", quantity: 3, unit: "kg" },
  ],
  concealment: "hidden behind drums of paint",
  declaredAs: "paint",
  conveyance: "truck",
  conveyanceIds: ["KZ 123 ABC"],
  originCountries: ["CN"],
  transitCountries: ["KZ"],
  destinationCountries: ["AF"],
});

beforeAll(async () => {
  ({ caller: author } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" })));
  const other = await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" });
  ({ caller: outsider } = await callerFor(other));
  const make = async (name: string, notice: Parameters<typeof createThrough>[1]) => (ids[name] = (await createThrough(author, notice)).id);
  await make("seizureClear", seizure);
  await make("seizureGreen", seizureInput({ tlp: "green", title: "Green seizure" }));
  await make("seizureAmber", seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"], title: "Amber seizure" }));
  await make("seizureStrict", seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["kg-mvd-sbnon"], title: "Strict seizure" }));
  await make("seizureRed", seizureInput({ tlp: "red", recipientIds: [other.id], title: "Red seizure" }));
  await make(
    "company",
    companyInput({
      names: [
        { script: "latin", name: "Alpha Trade LLC" },
        { script: "cyrillic", name: "Альфа Трейд" },
        { script: "chinese", name: "阿尔法贸易" },
      ],
    }),
  );
  await make("arrestAmber", arrestInput());
  await make("arrestStrict", arrestInput({ tlp: "amber_strict", releaseCountryCodes: [], releaseAgencyIds: ["kg-mvd-sbnon"] }));
  await make("arrestRed", arrestInput({ tlp: "red", releaseCountryCodes: [], recipientIds: [other.id] }));
  await author.notices.link({ id: ids.seizureClear!, otherId: ids.company! });
});

const stixOf = async (caller: Caller, id: string) => (await caller.exports.stix({ scope: "notice", id })).bundle;

describe("the STIX 2.1 export", () => {
  it("validates against the OASIS schemas for every kind and marking", async () => {
    for (const [name, id] of Object.entries(ids)) {
      const bundle = await stixOf(author, id);
      expect([name, stixErrors(bundle)]).toEqual([name, []]);
    }
    const feed = await author.exports.stix({ scope: "feed", filters: {} });
    expect(stixErrors(feed.bundle)).toEqual([]);
  });

  it("gives the same ids on every export, whatever the selection", async () => {
    const once = await stixOf(author, ids.seizureClear!);
    const again = await author.exports.stix({ scope: "feed", filters: {} });
    const againIds = new Set(again.bundle.objects.map((o) => o.id));
    for (const object of once.objects.filter((o) => o.type !== "bundle")) expect(againIds).toContain(object.id);
    expect((await stixOf(author, ids.seizureClear!)).id).toBe(once.id);
  });

  it("writes a seizure as incident and observed-data with the extension, marked with the TLP 2.0 definition", async () => {
    const bundle = await stixOf(author, ids.seizureClear!);
    const byType = (type: string) => bundle.objects.filter((o) => o.type === type) as Record<string, unknown>[];
    const [incident] = byType("incident");
    const [observed] = byType("observed-data");
    expect(incident?.object_marking_refs).toEqual(["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]);
    expect(incident?.confidence).toBe(70);
    const extension = Object.values((observed?.extensions ?? {}) as Record<string, Record<string, unknown>>)[0];
    expect(extension).toMatchObject({
      extension_type: "property-extension",
      origin_countries: ["CN"],
      transit_countries: ["KZ"],
      destination_countries: ["AF"],
      conveyance: "truck",
    });
    expect(byType("location")[0]).toMatchObject({ country: "KG" });
    expect(byType("note")[0]?.content).toContain("Source reliability B");
    expect(byType("extension-definition")).toHaveLength(1);
    expect(byType("marking-definition").map((m) => m.name)).toEqual(["TLP:CLEAR"]);
  });

  // A link is stored smaller id first, so the company is either end of the relationship.
  it("writes a company with its names in every script, and a link as a relationship", async () => {
    const { bundle } = await author.exports.stix({ scope: "feed", filters: {} });
    const company = bundle.objects.find(
      (o) =>
        o.type === "identity" && (o as Record<string, unknown>).identity_class === "organization" && (o as Record<string, unknown>).name === "Alpha Trade LLC",
    ) as Record<string, unknown>;
    expect(JSON.stringify(company.extensions)).toContain("阿尔法贸易");
    expect(JSON.stringify(company.extensions)).toContain("Альфа Трейд");
    expect(
      bundle.objects.filter(
        (o) =>
          o.type === "relationship" &&
          (o as Record<string, unknown>).relationship_type === "related-to" &&
          [(o as Record<string, unknown>).source_ref, (o as Record<string, unknown>).target_ref].includes(company.id),
      ),
    ).toHaveLength(1);
  });

  it("names the people of an AMBER arrest, never of a RED one", async () => {
    const individuals = async (id: string) => (await stixOf(author, id)).objects.filter((o) => (o as Record<string, unknown>).identity_class === "individual");
    expect(await individuals(ids.arrestAmber!)).toHaveLength(1);
    expect(await individuals(ids.arrestStrict!)).toHaveLength(1);
    expect(await individuals(ids.arrestRed!)).toEqual([]);
  });

  it("answers a notice the viewer may not read like one that does not exist", async () => {
    const hidden = await refusal(outsider.exports.stix({ scope: "notice", id: ids.seizureAmber! }));
    const missing = await refusal(outsider.exports.stix({ scope: "notice", id: "00000000-0000-4000-8000-000000000000" }));
    expect(hidden).toEqual(missing);
    expect(hidden.code).toBe("NOT_FOUND");
  });
});

const parseCsv = (csv: string) => {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const [marking, header, ...rows] = parse(csv.slice(1), { relax_column_count: true }) as string[][];
  return { marking: marking![0], header, rows: rows.map((row) => Object.fromEntries(header!.map((column, i) => [column, row[i]!]))) };
};

describe("the CSV export", () => {
  it("round-trips through a CSV parser, one row per seized item, headed by the most restrictive marking", async () => {
    const { csv } = await author.exports.csv({ scope: "notice", id: ids.seizureClear! });
    const { marking, header, rows } = parseCsv(csv);
    expect(marking).toBe("TLP:CLEAR");
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      row: "seized_item",
      substance_id: "acetic-anhydride",
      quantity: "12.5",
      unit: "t",
      mass_kg: "12500",
      concealment: "hidden behind drums of paint",
      origin: "People's Republic of China (CN)",
    });
    // A cell that a spreadsheet would run as a formula stays text.
    expect(rows[1]!.description).toBe("'=cmd|' /C calc'!A0 white powder");
  });

  it("takes the feed's filters, and the marking of its most restrictive row", async () => {
    const all = parseCsv((await author.exports.csv({ scope: "feed", filters: {} })).csv);
    expect(all.marking).toBe("TLP:RED");
    const companies = parseCsv((await author.exports.csv({ scope: "feed", filters: { kind: "company_alert" } })).csv);
    expect(companies.rows.map((r) => [r.row, r.company_names])).toEqual([["company", "Alpha Trade LLC; Альфа Трейд; 阿尔法贸易"]]);
    const arrests = parseCsv((await author.exports.csv({ scope: "feed", filters: { kind: "arrest", tlp: "red" } })).csv);
    expect(arrests.rows.map((r) => [r.row, r.person_name, r.person_count])).toEqual([["arrest", "", "1"]]);
  });

  it("takes the search page's view: its query, facets and names, as its download link carries them", async () => {
    const found = await author.exports.csv({ scope: "search", q: "Alpha" });
    expect(parseCsv(found.csv).rows.map((r) => r.row)).toEqual(["company"]);
    const narrowed = await author.exports.csv(ZExportSelection.parse(selectionFromParams(new URLSearchParams("scope=search&q=Alpha&kind=arrest"))));
    expect(parseCsv(narrowed.csv).rows).toEqual([]);
    const params = selectionParams(
      ZExportSelection.parse({ scope: "search", q: "Alpha", filters: { kind: "company_alert", year: 2026 }, asWords: ["substance"] }),
    );
    expect(params.toString()).toBe("scope=search&q=Alpha&kind=company_alert&year=2026&words=substance");
    expect(ZExportSelection.parse(selectionFromParams(params))).toEqual({
      scope: "search",
      q: "Alpha",
      filters: { kind: "company_alert", year: 2026 },
      asWords: ["substance"],
    });
  });

  it("is audited with ids and the count, never content", async () => {
    await author.exports.csv({ scope: "search", q: "Alpha" });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "notice.export")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.details).toEqual({ format: "csv", scope: "search", count: 1, truncated: false, noticeIds: [ids.company] });
  });

  it("refuses a bad selection before any SQL", async () => {
    expect((await refusal(author.exports.csv({ scope: "feed", filters: { tlp: "purple" as never } }))).code).toBe("BAD_REQUEST");
    expect((await refusal(author.exports.csv({ scope: "notice", id: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
  });
});

describe("the PICS summary", () => {
  it("gives a seizure's PICS fields in English, with the companies of its linked alerts", async () => {
    const { text } = await author.exports.pics({ id: ids.seizureClear! });
    expect(text?.split("\n")).toEqual([
      "Date of seizure: 2026-03-14",
      "Place of seizure: Torugart, Kyrgyzstan",
      "Substance: Acetic anhydride; unidentified substance (=cmd|' /C calc'!A0 white powder)",
      "Quantity: 12.5 t (12500 kg); 3 kg",
      "Modus operandi: hidden behind drums of paint; declared as paint; conveyance: truck (KZ 123 ABC)",
      "Country of origin: People's Republic of China (CN)",
      "Countries of transit: Kazakhstan (KZ)",
      "Country of destination: Afghanistan (AF)",
      "Companies involved: Alpha Trade LLC",
      expect.stringMatching(/^Reporting agency: /),
      `Reference: Tianshan notice ${ids.seizureClear}`,
    ]);
    expect((await author.exports.pics({ id: ids.company! })).text).toBeNull();
    expect((await refusal(outsider.exports.pics({ id: ids.seizureAmber! }))).code).toBe("NOT_FOUND");
  });
});

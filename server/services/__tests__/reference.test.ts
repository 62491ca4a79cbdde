import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import { anonymousCaller, callerFor } from "~/tests/callers";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

let analyst: Caller;
let russianReader: Caller;

beforeAll(async () => {
  analyst = (await callerFor(await createUser(db, { agencyId: "kg-customs", role: "analyst" }))).caller;
  russianReader = (await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "chief", locale: "ru" }))).caller;
});

describe("reference.crossings", () => {
  it("lists all 14 crossings and terminals grouped KZ, KG, TJ, with both countries' names", async () => {
    const all = await analyst.reference.crossings.list({});
    expect(all).toHaveLength(14);
    const countryOrder = [...new Set(all.map((c) => c.country.code))];
    expect(countryOrder).toEqual(["KZ", "KG", "TJ"]);
    expect(all.find((c) => c.id === "karkara")).toMatchObject({
      country: { code: "KG", en: "Kyrgyzstan", ru: "Кыргызстан" },
      neighbor: { code: "KZ", en: "Kazakhstan" },
    });
    expect(all.find((c) => c.id === "torugart")).toMatchObject({ kind: "border_crossing", modes: ["road"], elevationM: 3752 });
    expect(all.find((c) => c.id === "naryn")?.kind).toBe("inland_terminal");
  });

  it("filters by country", async () => {
    const kg = await analyst.reference.crossings.list({ country: "KG" });
    expect(kg.map((c) => c.id).sort()).toEqual(["irkeshtam", "karkara", "naryn", "osh", "torugart"]);
    const tj = await analyst.reference.crossings.list({ country: "TJ" });
    expect(tj.every((c) => c.country.code === "TJ")).toBe(true);
    expect(tj).toHaveLength(3);
  });

  it("has Narynkol closed and Kulma and Karkara seasonal; the rest open", async () => {
    const all = await analyst.reference.crossings.list({});
    const byStatus = (status: string) =>
      all
        .filter((c) => c.status === status)
        .map((c) => c.id)
        .sort();
    expect(byStatus("closed")).toEqual(["narynkol"]);
    expect(byStatus("seasonal")).toEqual(["karkara", "kulma"]);
    expect(byStatus("open")).toHaveLength(11);
  });

  it("orders by the reader's name for a crossing", async () => {
    const kz = await russianReader.reference.crossings.list({ country: "KZ" });
    const names = kz.map((c) => c.name.ru);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("returns one crossing with its Chinese-side port, coordinates and the 2005 facts", async () => {
    const torugart = await analyst.reference.crossings.get({ id: "torugart" });
    expect(torugart).toMatchObject({
      id: "torugart",
      name: { en: "Torugart", ru: "Торугарт", zh: "吐尔尕特" },
      country: { code: "KG" },
      neighbor: { code: "CN", zh: "中国" },
      coordsVerified: true,
      latitude: 40.5925,
      risk2005: "high",
      status: "open",
    });
    expect(torugart.neighborPortEn).toMatch(/Torugart/);
    expect(torugart.traffic2005).toMatch(/Border Guards/);
    expect(torugart.notes.length).toBeGreaterThan(0);

    const narynkol = await analyst.reference.crossings.get({ id: "narynkol" });
    expect(narynkol).toMatchObject({ status: "closed", coordsVerified: false });
  });

  it("answers NOT_FOUND for an unknown id and BAD_REQUEST for a malformed one", async () => {
    await expect(analyst.reference.crossings.get({ id: "atlantis" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(analyst.reference.crossings.get({ id: "Torugart; drop" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // @ts-expect-error only the three Central Asian members have crossings to list
    await expect(analyst.reference.crossings.list({ country: "CN" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("reference.substances", () => {
  const ids = async (q: string) => (await analyst.reference.substances.search({ q })).map((s) => s.id);

  it("lists all 51 substances without a query, Table I before Table II, each by name", async () => {
    for (const q of [undefined, "", "   "]) {
      const all = await analyst.reference.substances.search({ q });
      expect(all).toHaveLength(51);
      const tables = all.map((s) => s.conventionTable);
      expect(tables.indexOf("II")).toBe(tables.lastIndexOf("I") + 1);
      const tableII = all.filter((s) => s.conventionTable === "II").map((s) => s.name.en);
      expect(tableII).toEqual([...tableII].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it("finds acetic anhydride by any of its names, CAS number, HS code, or a misspelling", async () => {
    for (const q of [
      "acetic",
      "Acetic Anhydride",
      "уксусный",
      "УКСУСНЫЙ АНГИДРИД",
      "醋酸酐",
      "乙酸酐",
      "ethanoic",
      "108-24-7",
      "2915.24",
      "acetik anhydride",
    ]) {
      expect(await ids(q), q).toContain("acetic-anhydride");
    }
    expect(await ids("pseudoefedrine")).toContain("pseudoephedrine");
  });

  it("ranks an exact name, then a name starting with the query, above mere containment", async () => {
    expect((await ids("acetone"))[0]).toBe("acetone");
    expect((await ids("acetic"))[0]).toBe("acetic-anhydride");
    expect(await ids("acetic")).toContain("phenylacetic-acid");
    expect((await ids("108-24-7"))[0]).toBe("acetic-anhydride");
  });

  it("returns the fields the glossary shows", async () => {
    const [first] = await analyst.reference.substances.search({ q: "108-24-7" });
    expect(first).toEqual({
      id: "acetic-anhydride",
      name: { en: "Acetic anhydride", ru: "Уксусный ангидрид", zh: "醋酸酐" },
      conventionTable: "I",
      cas: "108-24-7",
      hsCode: "2915.24",
      illicitUse: "heroin (acetylation)",
      illicitUseRu: "героин (ацетилирование)",
      illicitUseZh: "海洛因（乙酰化）",
    });
  });

  it("treats LIKE wildcards in the query as plain characters", async () => {
    expect(await ids("%")).toEqual([]);
    expect(await ids("_")).toEqual([]);
    expect(await ids("%%%")).toEqual([]);
    // As wildcards these would match nearly every name.
    expect(await ids("a%e")).toEqual([]);
    expect(await ids("%_%")).toEqual([]);
    expect(await ids("\\")).toEqual([]);
  });

  it("honours the limit and refuses one above 100 or an over-long query", async () => {
    expect(await analyst.reference.substances.search({ limit: 5 })).toHaveLength(5);
    await expect(analyst.reference.substances.search({ limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(analyst.reference.substances.search({ q: "a".repeat(101) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // @ts-expect-error inputs are strict objects
    await expect(analyst.reference.substances.search({ q: "acetone", sort: "name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("returns every field of one substance, and NOT_FOUND for an unknown id", async () => {
    const substance = await analyst.reference.substances.get({ id: "acetic-anhydride" });
    expect(substance).toMatchObject({
      conventionTable: "I",
      aliases: expect.arrayContaining(["Ethanoic anhydride", "乙酸酐"]),
      cas: "108-24-7",
      densityGPerMl: 1.082,
      licitUses: "cellulose acetate, pharmaceuticals",
    });
    expect(substance.controlHistory).toMatch(/Table I/);
    expect((await analyst.reference.substances.get({ id: "anpp" })).densityGPerMl).toBeNull();
    await expect(analyst.reference.substances.get({ id: "unobtainium" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("reference.countries and reference.provisions", () => {
  it("lists countries with names in three languages, members first", async () => {
    const countries = await russianReader.reference.countries.list();
    expect(countries.length).toBeGreaterThan(200);
    expect(
      countries
        .slice(0, 4)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["CN", "KG", "KZ", "TJ"]);
    expect(countries.slice(4).every((c) => !c.isMember)).toBe(true);
    expect(countries.find((c) => c.code === "KZ")?.name).toEqual({ en: "Kazakhstan", ru: "Казахстан", zh: "哈萨克斯坦" });
  });

  it("lists the 8 criminal provisions, in-force ones first within a country", async () => {
    const provisions = await analyst.reference.provisions.list();
    expect(provisions).toHaveLength(8);
    const kz = provisions.filter((p) => p.countryCode === "KZ");
    expect(kz.map((p) => p.inForce)).toEqual([...kz.map((p) => p.inForce)].sort().reverse());
    expect(provisions.find((p) => p.id === "kz-cc1997-263-2")).toMatchObject({ inForce: false, article: "263(2)" });
  });
});

describe("access", () => {
  it("answers UNAUTHORIZED to a caller without a session, for every reference procedure", async () => {
    const anonymous = anonymousCaller();
    const calls = [
      anonymous.reference.crossings.list({}),
      anonymous.reference.crossings.get({ id: "torugart" }),
      anonymous.reference.substances.search({ q: "acetic" }),
      anonymous.reference.substances.get({ id: "acetic-anhydride" }),
      anonymous.reference.provisions.list(),
      anonymous.reference.countries.list(),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("is open to every role", async () => {
    for (const role of ["analyst", "chief", "agency_admin", "coordinator", "admin"] as const) {
      const { caller } = await callerFor(await createUser(db, { agencyId: "tj-dca", role }));
      await expect(caller.reference.crossings.get({ id: "kulma" })).resolves.toMatchObject({ status: "seasonal" });
    }
  });
});

describe("reference names in every language", () => {
  it("gives every agency and crossing a Chinese and a Russian name, so no reader meets English names in their language", async () => {
    const agencies = await db.query.agencies.findMany({ columns: { id: true, nameRu: true, nameZh: true } });
    const crossings = await db.query.crossings.findMany({ columns: { id: true, nameRu: true, nameZh: true } });
    const missing = [...agencies, ...crossings].filter((row) => !row.nameRu?.trim() || !row.nameZh?.trim()).map((row) => row.id);
    expect(missing).toEqual([]);
    // Chinese names are written in Chinese characters, not an English name copied over.
    expect([...agencies, ...crossings].filter((row) => !/[\u4e00-\u9fff]/.test(row.nameZh!)).map((row) => row.id)).toEqual([]);
  });
});

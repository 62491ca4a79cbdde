import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createAgency, createUser } from "~/db/seed/factories";
import type { SearchFilters } from "~/schemas/notices";
import { identifierKey, queryIdentifierKey } from "~/server/services/notices/identifiers";
import { callerFor } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";

// Issue #16: one shipment written up in English, Russian and Chinese is found by any of its names,
// its codes and its identifiers, and a notice the searcher may not read is found by none of them.

type Session = Awaited<ReturnType<typeof callerFor>>;
type Key = "en" | "ru" | "zh" | "ephedrine" | "company" | "hidden";

let reader: Session;
const made = {} as Record<Key, string>;

beforeAll(async () => {
  const agency = await createAgency(db, { countryCode: "KG" });
  const author = await callerFor(await createUser(db, { agencyId: agency.id, role: "analyst" }));
  const create = async (key: Key, notice: Parameters<typeof createThrough>[1]) => (made[key] = (await createThrough(author.caller, notice)).id);
  await create(
    "en",
    seizureInput({
      title: "Acetic anhydride in barrels at Torugart",
      narrative: "Eleven barrels were found in two trucks.",
      tlp: "green",
      conveyance: "truck",
      conveyanceIds: ["01 KG 777", "TRLR-4412 (trailer)"],
      declaredAs: "vinegar essence",
      declaredHsCode: "2915.21",
    }),
  );
  await create(
    "ru",
    seizureInput({
      title: "Изъятие на посту Хоргос",
      narrative: "Задержан грузовик с уксусным ангидридом, задекларированным как растворитель.",
      crossingId: "khorgos",
      occurredOn: "2025-05-02",
      conveyanceIds: ["А 123 ВС 02"],
      declaredAs: "растворитель",
      declaredHsCode: "3814.00",
    }),
  );
  await create(
    "zh",
    seizureInput({
      title: "霍尔果斯口岸查获",
      narrative: "在卡车中查获500公斤。",
      crossingId: "khorgos",
      conveyanceIds: ["KZ 5412-7788"],
      items: [{ substanceId: "potassium-permanganate", quantity: 500, unit: "kg" }],
    }),
  );
  await create(
    "ephedrine",
    seizureInput({
      title: "Tablets at Irkeshtam",
      crossingId: "irkeshtam",
      occurredOn: "2024-08-09",
      conveyanceIds: ["MSKU 123456-7"],
      items: [{ substanceId: "ephedrine", quantity: 3, unit: "kg" }],
    }),
  );
  await create(
    "company",
    companyInput({ title: "Front company", crossingId: null, placeText: "Bishkek", countryCode: "KG", registrationNumbers: ["1234-5678-KG"] }),
  );
  // Read by the Tajik customs alone: everything about it is also in the notices above.
  await create(
    "hidden",
    seizureInput({
      title: "Acetic anhydride at Torugart zyxqhidden",
      narrative: "Уксусный ангидрид, 醋酸酐, vinegar essence.",
      tlp: "amber_strict",
      releaseAgencyIds: ["tj-customs"],
      conveyanceIds: ["01 KG 777"],
      declaredHsCode: "2915.21",
      items: [
        { substanceId: "ephedrine", quantity: 1, unit: "kg" },
        { substanceId: "acetic-anhydride", quantity: 1, unit: "t" },
      ],
    }),
  );
  reader = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" }));
});

const search = (q: string, filters: SearchFilters = {}) => reader.caller.notices.search({ q, filters, limit: 50 });

// [query, notices it must return, notices it must not return]
const TABLE: [string, Key[], Key[]][] = [
  // A substance by its names in three languages, an alias, Russian case forms, CAS and HS code.
  ["acetic anhydride", ["en", "ru"], ["zh", "ephedrine", "hidden"]],
  ["Acetic Anhydride", ["en", "ru"], ["zh", "hidden"]],
  ["уксусный ангидрид", ["en", "ru"], ["zh", "hidden"]],
  ["уксусного ангидрида", ["en", "ru"], ["zh", "hidden"]],
  ["уксусным ангидридом", ["en", "ru"], ["zh", "hidden"]],
  ["醋酸酐", ["en", "ru"], ["zh", "hidden"]],
  ["乙酸酐", ["en", "ru"], ["zh", "hidden"]],
  ["ethanoic anhydride", ["en", "ru"], ["hidden"]],
  ["108-24-7", ["en", "ru"], ["zh", "hidden"]],
  ["2915.24", ["en", "ru"], ["zh", "hidden"]],
  ["291524", ["en", "ru"], ["zh", "hidden"]],
  ["potassium permanganate", ["zh"], ["en", "ru"]],
  ["перманганат калия", ["zh"], ["en", "ru"]],
  ["перманганата калия", ["zh"], ["en", "ru"]],
  ["高锰酸钾", ["zh"], ["en", "ru"]],
  ["KMnO4", ["zh"], ["en"]],
  ["ephedrine", ["ephedrine"], ["en", "hidden"]],
  ["эфедрина", ["ephedrine"], ["hidden"]],
  ["麻黄碱", ["ephedrine"], ["hidden"]],
  // Crossings and countries by any of their names.
  ["Khorgos", ["ru", "zh"], ["en", "ephedrine"]],
  ["Qorgas", ["ru", "zh"], ["en"]],
  ["Хоргосе", ["ru", "zh"], ["en"]],
  ["霍尔果斯", ["ru", "zh"], ["en"]],
  ["Torugart", ["en"], ["ru", "hidden"]],
  ["Торугарта", ["en"], ["ru", "hidden"]],
  ["Kyrgyzstan", ["en", "ephedrine", "company"], ["ru", "zh", "hidden"]],
  ["Кыргызстана", ["en", "ephedrine", "company"], ["ru", "hidden"]],
  // Names combined: both filters.
  ["acetic anhydride Khorgos", ["ru"], ["en", "zh"]],
  ["уксусного ангидрида Торугарт", ["en"], ["ru", "hidden"]],
  // Plates, wagon and container numbers, registration numbers, look-alike letters.
  ["01 KG 777", ["en"], ["ru", "hidden"]],
  ["01KG777", ["en"], ["hidden"]],
  ["01-kg-777", ["en"], ["hidden"]],
  ["01 КG 777", ["en"], ["hidden"]],
  ["trlr4412", ["en"], ["hidden"]],
  ["А123ВС02", ["ru"], ["en"]],
  ["a 123 bc 02", ["ru"], ["en"]],
  ["KZ5412-7788", ["zh"], ["ru"]],
  ["MSKU1234567", ["ephedrine"], ["en"]],
  ["1234-5678-KG", ["company"], ["en"]],
  ["12345678kg", ["company"], []],
  // Declared HS codes and declared-as text.
  ["2915.21", ["en"], ["ru", "hidden"]],
  ["291521", ["en"], ["hidden"]],
  ["vinegar essence", ["en"], ["ru", "hidden"]],
  ["растворитель", ["ru"], ["en"]],
  ["растворителем", ["ru"], ["en"]],
  // Words in any inflection.
  ["barrel", ["en"], ["ru", "hidden"]],
  ["truck", ["en"], ["ru"]],
  ["грузовика", ["ru"], ["en"]],
  ["zyxqhidden", [], ["hidden"]],
];

describe("search across languages (issue #16)", () => {
  it.each(TABLE)("%s", async (q, must, mustNot) => {
    const found = new Set((await search(q)).items.map((item) => item.id));
    for (const key of must) expect(found.has(made[key]), `${q} must find ${key}`).toBe(true);
    for (const key of mustNot) expect(found.has(made[key]), `${q} must not find ${key}`).toBe(false);
  });

  it("has at least 40 queries", () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

  it("names what it recognised, with the words it came from, in the reader's language", async () => {
    const result = await search("уксусного ангидрида Хоргос");
    expect(result.entities).toEqual([
      { kind: "substance", id: "acetic-anhydride", name: "Acetic anhydride", matched: "уксусного ангидрида" },
      { kind: "crossing", id: "khorgos", name: "Khorgos (Qorgas)", matched: "Хоргос" },
    ]);
    expect(result.filters).toMatchObject({ substanceId: "acetic-anhydride", crossingId: "khorgos" });
    // A filter the page already sets wins over a name of the same kind in the query.
    expect((await search("acetic anhydride", { substanceId: "ephedrine" })).entities).toEqual([]);
    // A removed chip: the name's words are searched as words, in the notices that write them.
    const asWords = await reader.caller.notices.search({ q: "acetic anhydride", asWords: ["substance"] });
    expect(asWords.entities).toEqual([]);
    expect(asWords.items.map((i) => i.id)).toEqual([made.en]);
  });

  it("counts and facets the readable matches only", async () => {
    const result = await search("acetic anhydride");
    expect(result.total).toBe(2);
    expect(result.more).toBe(false);
    expect(result.facets.crossing.map((f) => [f.value, f.count])).toEqual([
      ["khorgos", 1],
      ["torugart", 1],
    ]);
    expect(result.facets.substance).toEqual([{ value: "acetic-anhydride", name: "Acetic anhydride", count: 2 }]);
    expect(result.facets.year.map((f) => f.value)).toEqual(["2026", "2025"]);
    expect(result.facets.kind).toEqual([{ value: "seizure", name: "seizure", count: 2 }]);
    // The hidden notice carries ephedrine too; for this reader only the Irkeshtam seizure does.
    expect((await search("ephedrine")).total).toBe(1);
    const narrowed = await search("acetic anhydride", { crossingId: "torugart" });
    expect(narrowed.items.map((i) => i.id)).toEqual([made.en]);
    expect(narrowed.total).toBe(1);
    // A chosen filter is named for its chip even when nothing matches.
    expect((await search("zyxqhidden", { crossingId: "torugart", countryCode: "KG" })).filterNames).toEqual({
      crossingId: "Torugart",
      countryCode: "Kyrgyzstan",
    });
    expect((await search("barrel", { year: 2025 })).items).toEqual([]);
  });

  it("suggests a spelling from the reference names and the readable vocabulary, never from a hidden notice", async () => {
    expect((await search("acetic anhidride")).suggestion).toBe("Acetic anhydride");
    expect((await search("Khorgas")).suggestion).toBe("Khorgos");
    expect((await search("уксусный ангидрит")).suggestion).toBe("Уксусный ангидрид");
    expect((await search("zyxqhiden")).suggestion).toBeNull();
    expect((await search("acetic anhydride")).suggestion).toBeNull();
  });

  it("sorts by relevance on request, paging by position", async () => {
    const first = await reader.caller.notices.search({ q: "barrels trucks", sort: "relevance", limit: 1 });
    expect(first.items.map((i) => i.id)).toEqual([made.en]);
    expect(first.nextOffset).toBeNull();
  });

  it("keys identifiers alike however they are written", () => {
    expect(identifierKey("01 КG 777")).toBe("01kg777");
    expect(identifierKey("2915.21")).toBe("291521");
    expect(queryIdentifierKey("acetic")).toBeNull();
    expect(queryIdentifierKey("01-kg-777")).toBe("01kg777");
  });

  it("refuses a NUL, an over-long query and an impossible filter before any SQL", async () => {
    for (const input of [
      { q: "a\u0000b" },
      { q: "x".repeat(201) },
      { q: "a", filters: { year: 1200 } },
      { q: "a", sort: "random" },
      { q: "a", offset: 10_000 },
      { q: "a", asWords: ["person"] },
    ]) {
      await expect(reader.caller.notices.search(input as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});

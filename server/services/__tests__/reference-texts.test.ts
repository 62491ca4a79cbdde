import { eq, getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { localizedText } from "~/app/_components/names";
import { db } from "~/db/index";
import { criminalProvisions, crossings, substances } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { seedReference } from "~/db/seed/reference";
import { callerFor } from "~/tests/callers";

type Text = string | string[] | null;

// Every free text that has a Russian column beside it, found from the schema, so a new translated
// field is held to the same rule without editing this list.
const TABLES = { crossings, substances, criminalProvisions } as const;
function translatedFields(table: PgTable) {
  const columns = Object.keys(getTableColumns(table));
  return columns
    .filter((key) => key.endsWith("Ru") && !key.startsWith("name"))
    .map((ru) => {
      const stem = ru.slice(0, -2);
      return { en: columns.includes(stem) ? stem : `${stem}En`, ru, zh: `${stem}Zh` };
    });
}

async function everyText() {
  const out: { table: string; id: string; field: string; en: Text; ru: Text; zh: Text }[] = [];
  for (const [name, table] of Object.entries(TABLES)) {
    const rows = (await db.select().from(table as PgTable)) as Record<string, Text>[];
    for (const row of rows)
      for (const field of translatedFields(table))
        out.push({ table: name, id: row.id as string, field: field.en, en: row[field.en]!, ru: row[field.ru]!, zh: row[field.zh]! });
  }
  return out;
}

// What a curator writes for curators: column names, source codes, capitalised verdicts, slugs.
const CURATOR_MARKERS = [/neighbor_country/, /\b[a-z]+_[a-z0-9_]+\b/, /UNVERIFIED/, /NOT IDENTIFIED/, /\b[ACLS]\d{2}\b/, /\(see '[a-z-]+'\)/];
const asList = (text: Text) => (text === null ? [] : Array.isArray(text) ? text : [text]);

describe("the reference data's free texts", () => {
  it("have every field the schema translates, in both Russian and Chinese, for every row the seed wrote", async () => {
    const texts = await everyText();
    expect(new Set(texts.map((t) => t.field))).toEqual(
      new Set([
        "scheduleNote",
        "notes",
        "traffic2005",
        "controls2005",
        "illicitUse",
        "licitUses",
        "controlHistory",
        "code",
        "titleEn",
        "penaltySummary",
        "sourceNote",
        "verification",
      ]),
    );
    const missing = texts.filter(({ en, ru, zh }) => {
      const english = asList(en).filter((text) => text.length > 0);
      if (!english.length) return false;
      const translations = [asList(ru), asList(zh)];
      return translations.some((list) => list.length !== english.length || list.some((text) => !text.trim()));
    });
    expect(missing.map(({ table, id, field }) => `${table}.${id}.${field}`)).toEqual([]);
  });

  it("are in the language they claim: Cyrillic in Russian, Chinese characters in Chinese", async () => {
    const texts = await everyText();
    const notRussian = texts.filter((t) => asList(t.ru).some((text) => !/\p{Script=Cyrillic}/u.test(text)));
    const notChinese = texts.filter((t) => asList(t.zh).some((text) => !/\p{Script=Han}/u.test(text)));
    expect(notRussian.map(({ id, field }) => `${id}.${field}`)).toEqual([]);
    expect(notChinese.map(({ id, field }) => `${id}.${field}`)).toEqual([]);
  });

  it("show readers no curator's markers in any language", async () => {
    const shown = (await everyText()).flatMap((t) => [t.en, t.ru, t.zh].flatMap(asList).map((text) => ({ where: `${t.table}.${t.id}.${t.field}`, text })));
    expect(shown.length).toBeGreaterThan(300);
    const marked = shown.filter(({ text }) => CURATOR_MARKERS.some((marker) => marker.test(text)));
    expect(marked).toEqual([]);
  });

  it("reach a database seeded before they existed, and never overwrite a curator's edit", async () => {
    await db
      .update(crossings)
      .set({ notes: ["Inland clearance point for Irkeshtam traffic (per the 2005 report)."], notesRu: null, notesZh: null })
      .where(eq(crossings.id, "osh"));
    const source = [
      "Tem–Demogan: 135 m suspension bridge over the Panj opened 2002 with Aga Khan Development Network support (mergili.at). Relevant as the onward route from Kulma/Murghob toward Afghanistan.",
      "neighbor_country is AF for the bridge; the terminal also handles goods arriving from China via Kulma.",
    ];
    await db.update(crossings).set({ notes: source, notesRu: null, notesZh: null }).where(eq(crossings.id, "khorog"));
    await db.update(substances).set({ licitUses: "A curator's own words", licitUsesRu: null, licitUsesZh: null }).where(eq(substances.id, "acetone"));

    await seedReference(db);
    await seedReference(db);

    const [osh] = await db.select().from(crossings).where(eq(crossings.id, "osh"));
    expect(osh!.notesRu).toEqual(["Внутренний пункт таможенного оформления для грузов через Иркештам (по отчёту 2005 года)."]);
    const [khorog] = await db.select().from(crossings).where(eq(crossings.id, "khorog"));
    expect(khorog!.notes[1]).toMatch(/^The neighbouring country given is Afghanistan/);
    expect(khorog!.notesZh).toHaveLength(2);
    const [acetone] = await db.select().from(substances).where(eq(substances.id, "acetone"));
    expect(acetone).toMatchObject({ licitUses: "A curator's own words", licitUsesRu: null, licitUsesZh: null });
  });

  it("name the criminal provisions in the notice form in the reader's language", async () => {
    const titleOf = async (locale: "ru" | "zh") => {
      const { caller } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", locale }));
      return (await caller.notices.formOptions()).provisions.find((p) => p.id === "tj-cc1998-202-2")?.title;
    };
    expect(await titleOf("ru")).toBe("Хищение прекурсоров (части 1–3)");
    expect(await titleOf("zh")).toBe("盗窃易制毒化学品（第1–3款）");
  });

  it("are shown in the reader's language, in English only where a translation is missing", () => {
    const texts = { en: "solvent", ru: "растворитель", zh: "溶剂" };
    expect(localizedText(texts, "ru")).toEqual({ text: "растворитель", lang: "ru" });
    expect(localizedText(texts, "zh")).toEqual({ text: "溶剂", lang: "zh" });
    expect(localizedText(texts, "en")).toEqual({ text: "solvent", lang: "en" });
    expect(localizedText({ ...texts, zh: null }, "zh")).toEqual({ text: "solvent", lang: "en" });
    expect(localizedText({ en: ["a note"], ru: [], zh: null }, "ru")).toEqual({ text: ["a note"], lang: "en" });
  });
});

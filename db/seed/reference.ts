import countriesLib from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };
import zh from "i18n-iso-countries/langs/zh.json" with { type: "json" };
import type { DbOrTx } from "~/db/index";
import { AGENCY_COUNTRIES } from "~/schemas/agency-enums";
import { agencies, countries, criminalProvisions, crossings, substances } from "~/db/schema";
import agencyData from "./data/agencies.json" with { type: "json" };
import crossingData from "./data/crossings.json" with { type: "json" };
import provisionData from "./data/criminal-provisions.json" with { type: "json" };
import substanceData from "./data/precursors.json" with { type: "json" };
import { AGENCY_NAMES_ZH, CROSSING_NAMES_ZH } from "./reference-names-zh";
import { seedReferenceTexts } from "./reference-texts";

// China takes part optionally: its agencies are seeded inactive until an administrator enables
// them; CARICC and INCB are candidate members, likewise inactive.
const INACTIVE_UNTIL_ENABLED = (a: { country: string | null; id: string }) => a.country === "CN" || a.id === "caricc" || a.id === "incb";

// The 2005 report has Narynkol closed; Kulma and Karkara open only part of the year.
const CROSSING_STATUS: Partial<Record<string, "closed" | "seasonal">> = { narynkol: "closed", kulma: "seasonal", karkara: "seasonal" };

for (const locale of [en, ru, zh]) countriesLib.registerLocale(locale);

// The names the member states use for themselves in official Russian, where the library's differ.
const RU_NAMES: Partial<Record<string, string>> = { KG: "Кыргызстан" };

/** Every ISO country, named in the three languages; the member states marked. */
function countryRows() {
  const codes = Object.keys(countriesLib.getAlpha2Codes());
  return codes.map((code) => ({
    code,
    nameEn: countriesLib.getName(code, "en") ?? code,
    nameRu: RU_NAMES[code] ?? countriesLib.getName(code, "ru") ?? code,
    nameZh: countriesLib.getName(code, "zh") ?? code,
    isMember: (AGENCY_COUNTRIES as readonly string[]).includes(code),
  }));
}

/** The agencies of the data set; China's and the candidate members' inactive until enabled. */
function agencyRows() {
  return agencyData.agencies.map((a) => ({
    id: a.id,
    countryCode: a.kind === "international" ? null : a.country,
    seatCountryCode: a.country,
    kind: a.kind as (typeof agencies.$inferInsert)["kind"],
    nameEn: a.name_en,
    nameRu: a.name_ru,
    nameZh: a.name_zh ?? AGENCY_NAMES_ZH[a.id] ?? null,
    shortName: a.short_name,
    active: !INACTIVE_UNTIL_ENABLED(a),
  }));
}

/** The crossings and inland terminals, with what the 2005 report said of each. */
function crossingRows() {
  return crossingData.crossings.map((c) => ({
    id: c.id,
    nameEn: c.name_en,
    nameRu: c.name_ru,
    nameZh: c.name_zh ?? CROSSING_NAMES_ZH[c.id] ?? null,
    neighborPortEn: c.cn_side_port_en,
    countryCode: c.country,
    neighborCountryCode: c.neighbor_country,
    kind: c.kind as "border_crossing" | "inland_terminal",
    modes: c.modes as ("road" | "rail")[],
    latitude: c.latitude,
    longitude: c.longitude,
    coordsVerified: c.coords_verified,
    elevationM: c.elevation_m,
    scheduleNote: c.schedule_note,
    status: CROSSING_STATUS[c.id] ?? ("open" as const),
    notes: c.notes,
    risk2005: c.risk_2005,
    traffic2005: c.traffic_2005,
    controls2005: c.controls_2005,
  }));
}

/** The precursors under international control, with their names, aliases and densities. */
function substanceRows() {
  return substanceData.substances.map((s) => ({
    id: s.id,
    conventionTable: s.table as "I" | "II",
    groupName: s.group,
    nameEn: s.name_en,
    nameRu: s.name_ru,
    nameZh: s.name_zh,
    aliases: [...s.aliases, ...(s.name_zh_alt ?? [])],
    cas: s.cas,
    hsCode: s.hs_code,
    illicitUse: s.illicit_use,
    licitUses: s.licit_uses,
    controlHistory: s.control_history,
    densityGPerMl: s.density_g_per_ml ?? null,
  }));
}

/** The criminal provisions of the member states that charges refer to. */
function provisionRows() {
  return provisionData.provisions.map((p) => ({
    id: p.id,
    countryCode: p.country,
    code: p.code,
    article: p.article,
    inForce: p.in_force,
    titleEn: p.title_en,
    penaltySummary: p.penalty_summary,
    sourceNote: p.source_note,
    verification: p.verification,
  }));
}

/**
 * Inserts the reference data from db/seed/data (copied from the verified set in shared/data).
 * Rows that exist are left alone, so re-running changes nothing and never undoes a curator's edit.
 */
export async function seedReference(db: DbOrTx): Promise<void> {
  await db.insert(countries).values(countryRows()).onConflictDoNothing();
  await db.insert(agencies).values(agencyRows()).onConflictDoNothing();
  await db.insert(crossings).values(crossingRows()).onConflictDoNothing();
  await db.insert(substances).values(substanceRows()).onConflictDoNothing();
  await db.insert(criminalProvisions).values(provisionRows()).onConflictDoNothing();

  await seedReferenceTexts(db);
}

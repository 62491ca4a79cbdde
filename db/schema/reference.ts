import { sql } from "drizzle-orm";
import { boolean, char, doublePrecision, index, integer, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { GIN_WITHOUT_PENDING_LIST, timestamps } from "./columns";

export const countries = pgTable("countries", {
  code: char({ length: 2 }).primaryKey(),
  nameEn: text().notNull(),
  nameRu: text().notNull(),
  nameZh: text().notNull(),
  // KZ, KG, TJ and CN take part in the platform; every other country only appears as a place,
  // an origin or a destination.
  isMember: boolean().notNull().default(false),
  ...timestamps,
});

export const crossingKind = pgEnum("crossing_kind", ["border_crossing", "inland_terminal"]);
export const crossingStatus = pgEnum("crossing_status", ["open", "seasonal", "closed"]);
export const transportMode = pgEnum("transport_mode", ["road", "rail"]);

export const crossings = pgTable(
  "crossings",
  {
    id: text().primaryKey(),
    nameEn: text().notNull(),
    nameRu: text().notNull(),
    nameZh: text(),
    neighborPortEn: text(),
    countryCode: char({ length: 2 })
      .notNull()
      .references(() => countries.code, { onDelete: "restrict" }),
    neighborCountryCode: char({ length: 2 })
      .notNull()
      .references(() => countries.code, { onDelete: "restrict" }),
    kind: crossingKind().notNull(),
    modes: transportMode()
      .array()
      .notNull()
      .default(sql`'{}'`),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    coordsVerified: boolean().notNull().default(false),
    elevationM: integer(),
    scheduleNote: text(),
    // The free texts in Russian and Chinese beside the English (db/seed/reference-texts/); null
    // where a translation is missing, and the pages then show the English.
    scheduleNoteRu: text(),
    scheduleNoteZh: text(),
    status: crossingStatus().notNull().default("open"),
    notes: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    notesRu: text().array(),
    notesZh: text().array(),
    risk2005: text(),
    traffic2005: text(),
    traffic2005Ru: text(),
    traffic2005Zh: text(),
    controls2005: text(),
    controls2005Ru: text(),
    controls2005Zh: text(),
    ...timestamps,
  },
  (t) => [index("crossings_country_idx").on(t.countryCode)],
);

export const conventionTable = pgEnum("convention_table", ["I", "II"]);

export const substances = pgTable(
  "substances",
  {
    id: text().primaryKey(),
    conventionTable: conventionTable().notNull(),
    groupName: text(),
    nameEn: text().notNull(),
    nameRu: text().notNull(),
    nameZh: text(),
    aliases: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    cas: text(),
    hsCode: text(),
    illicitUse: text(),
    illicitUseRu: text(),
    illicitUseZh: text(),
    licitUses: text(),
    licitUsesRu: text(),
    licitUsesZh: text(),
    controlHistory: text(),
    controlHistoryRu: text(),
    controlHistoryZh: text(),
    densityGPerMl: doublePrecision(),
    // Every name, alias and code in one lower-cased string, kept by the database so that the
    // trigram index below serves a search by any of them in any script. immutable_join (migration
    // 0000) exists because array_to_string is only STABLE, which a generated column refuses.
    searchText: text()
      .notNull()
      .generatedAlwaysAs(
        sql`lower(name_en || ' ' || name_ru || ' ' || coalesce(name_zh, '') || ' ' || immutable_join(aliases) || ' ' || coalesce(cas, '') || ' ' || coalesce(hs_code, ''))`,
      ),
    ...timestamps,
  },
  (t) => [
    index("substances_search_trgm_idx")
      .using("gin", sql`${t.searchText} gin_trgm_ops`)
      .with(GIN_WITHOUT_PENDING_LIST),
  ],
);

export const criminalProvisions = pgTable("criminal_provisions", {
  id: text().primaryKey(),
  countryCode: char({ length: 2 })
    .notNull()
    .references(() => countries.code, { onDelete: "restrict" }),
  code: text().notNull(),
  codeRu: text(),
  codeZh: text(),
  article: text(),
  inForce: boolean().notNull(),
  titleEn: text().notNull(),
  titleRu: text(),
  titleZh: text(),
  penaltySummary: text(),
  penaltySummaryRu: text(),
  penaltySummaryZh: text(),
  sourceNote: text(),
  sourceNoteRu: text(),
  sourceNoteZh: text(),
  verification: text(),
  verificationRu: text(),
  verificationZh: text(),
  ...timestamps,
});

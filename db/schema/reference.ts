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
    status: crossingStatus().notNull().default("open"),
    notes: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    risk2005: text(),
    traffic2005: text(),
    controls2005: text(),
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
    licitUses: text(),
    controlHistory: text(),
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
  article: text(),
  inForce: boolean().notNull(),
  titleEn: text().notNull(),
  penaltySummary: text(),
  sourceNote: text(),
  verification: text(),
  ...timestamps,
});

import { sql } from "drizzle-orm";
import { char, date, index, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { ARREST_STATUSES, COMPANY_GROUNDS, CONVEYANCES, PERSON_ROLES, QUANTITY_UNITS } from "../../schemas/notice-enums";
import { agencies } from "./agencies";
import { textList, timestamps } from "./columns";
import { countries, criminalProvisions, substances } from "./reference";
import { notices } from "./notices";

// Each kind's details, one table per kind beside the shared notices table (notices.ts): a seizure's
// items, a company alert's names and grounds, an arrest's persons and charges. They are notice
// tables like those of notices.ts: read only through the visibility module (eslint.config.js).

export const conveyance = pgEnum("conveyance", CONVEYANCES);
export const quantityUnit = pgEnum("quantity_unit", QUANTITY_UNITS);

export const seizureDetails = pgTable("seizure_details", {
  noticeId: uuid()
    .primaryKey()
    .references(() => notices.id, { onDelete: "cascade" }),
  concealment: text(),
  declaredAs: text(),
  declaredHsCode: text(),
  conveyance: conveyance(),
  conveyanceIds: text()
    .array()
    .notNull()
    .default(sql`'{}'`),
  originCountries: char({ length: 2 })
    .array()
    .notNull()
    .default(sql`'{}'`),
  transitCountries: char({ length: 2 })
    .array()
    .notNull()
    .default(sql`'{}'`),
  destinationCountries: char({ length: 2 })
    .array()
    .notNull()
    .default(sql`'{}'`),
  seizingAgencyId: text().references(() => agencies.id, { onDelete: "restrict" }),
  seizingAgencyText: text(),
  // The parties of the shipment and the numbers found on it: the entities a seizure names (issue 19).
  consignor: text(),
  consignee: text(),
  phones: textList(),
  ...timestamps,
});

export const seizureItems = pgTable(
  "seizure_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    // Null: not (yet) identified.
    substanceId: text().references(() => substances.id, { onDelete: "restrict" }),
    description: text(),
    quantity: numeric({ precision: 14, scale: 3, mode: "number" }).notNull(),
    unit: quantityUnit().notNull(),
    // Derived where possible: mass units directly, volumes through the substance's density.
    massKg: numeric({ precision: 14, scale: 3, mode: "number" }),
  },
  (t) => [index("seizure_items_notice_idx").on(t.noticeId), index("seizure_items_substance_idx").on(t.substanceId, t.noticeId)],
);

export const companyGround = pgEnum("company_ground", COMPANY_GROUNDS);

export type CompanyName = { script: "latin" | "cyrillic" | "chinese"; name: string };

export const companyAlerts = pgTable("company_alerts", {
  noticeId: uuid()
    .primaryKey()
    .references(() => notices.id, { onDelete: "cascade" }),
  names: jsonb().$type<CompanyName[]>().notNull(),
  registrationNumbers: text()
    .array()
    .notNull()
    .default(sql`'{}'`),
  registrationCountryCode: char({ length: 2 }).references(() => countries.code, { onDelete: "restrict" }),
  addresses: text()
    .array()
    .notNull()
    .default(sql`'{}'`),
  owners: text()
    .array()
    .notNull()
    .default(sql`'{}'`),
  phones: textList(),
  grounds: companyGround().array().notNull(),
  groundsNote: text(),
  recommendedAction: text().notNull(),
  expiresOn: date({ mode: "string" }).notNull(),
  ...timestamps,
});

export const arrestStatus = pgEnum("arrest_status", ARREST_STATUSES);
export const personRole = pgEnum("person_role", PERSON_ROLES);

export const arrestDetails = pgTable("arrest_details", {
  noticeId: uuid()
    .primaryKey()
    .references(() => notices.id, { onDelete: "cascade" }),
  arrestingAgencyId: text().references(() => agencies.id, { onDelete: "restrict" }),
  arrestingAgencyText: text(),
  status: arrestStatus().notNull(),
  // Companies the arrested act for (a director, an employee) and their phone numbers (issue 19).
  companies: textList(),
  phones: textList(),
  ...timestamps,
});

export type PersonNames = { latin?: string; cyrillic?: string; chinese?: string };

export const arrestPersons = pgTable(
  "arrest_persons",
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    names: jsonb().$type<PersonNames>().notNull(),
    nationalityCode: char({ length: 2 }).references(() => countries.code, { onDelete: "restrict" }),
    birthYear: smallint(),
    role: personRole().notNull(),
  },
  (t) => [index("arrest_persons_notice_idx").on(t.noticeId)],
);

export const arrestCharges = pgTable(
  "arrest_charges",
  {
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    provisionId: text()
      .notNull()
      .references(() => criminalProvisions.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.provisionId] })],
);

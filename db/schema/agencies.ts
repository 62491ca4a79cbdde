import { boolean, char, index, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { AGENCY_KINDS } from "../../schemas/agency-enums";
import { timestamps } from "./columns";
import { countries } from "./reference";

export const agencyKind = pgEnum("agency_kind", AGENCY_KINDS);

export const agencies = pgTable(
  "agencies",
  {
    id: text().primaryKey(),
    // Null for international bodies (UNODC offices, CARICC, INCB): they belong to no member
    // country, whatever city hosts them (seatCountryCode).
    countryCode: char({ length: 2 }).references(() => countries.code, { onDelete: "restrict" }),
    seatCountryCode: char({ length: 2 }).references(() => countries.code, { onDelete: "restrict" }),
    kind: agencyKind().notNull(),
    nameEn: text().notNull(),
    nameRu: text().notNull(),
    nameZh: text(),
    shortName: text().notNull(),
    active: boolean().notNull().default(true),
    // Notices by this agency's analysts wait for one of its chiefs before anyone outside sees them.
    requiresRelease: boolean().notNull().default(false),
    // Its notices wait for a UNODC coordinator's approval before anyone else sees them.
    preModerated: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [index("agencies_country_idx").on(t.countryCode)],
);

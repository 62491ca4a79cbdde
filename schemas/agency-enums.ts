// Apart from the zod schemas of ./agencies, shared by the database enums (db/schema/agencies.ts),
// the input schemas and the administration forms, which need them without zod.

// The platform's member countries, in the order the directory lists them. A national agency
// belongs to one of them; international bodies belong to none.
export const AGENCY_COUNTRIES = ["KZ", "KG", "TJ", "CN"] as const;
export type AgencyCountry = (typeof AGENCY_COUNTRIES)[number];

export const AGENCY_KINDS = ["customs", "border_guard", "drug_control", "police", "security_service", "international"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

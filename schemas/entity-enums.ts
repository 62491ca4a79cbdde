// Closed vocabularies of entities (issue 19), shared by the database enums (db/schema/entities.ts),
// the input schemas and the pages.

/** What a notice can name that another notice may name too. */
export const ENTITY_KINDS = ["company", "person", "vehicle", "container", "phone", "hs_code", "registration", "address"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The field of the notice an entity was read from. */
export const ENTITY_ROLES = [
  "company",
  "consignor",
  "consignee",
  "owner",
  "person",
  "vehicle",
  "container",
  "phone",
  "hs_code",
  "registration",
  "address",
] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];

/** Kinds whose names are compared by likeness (trigrams), not only by equal keys. */
export const NAMED_KINDS = ["company", "person", "address"] as const satisfies readonly EntityKind[];

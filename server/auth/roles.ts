// Plain values, so that a form choosing a role does not bring the database schema to the browser;
// the database enum (db/schema/users.ts) is made from them.
export const ROLES = ["analyst", "chief", "agency_admin", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

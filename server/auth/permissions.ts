import type { Role } from "~/server/auth/roles";

/**
 * Who may do what, as data. Procedures declare the permission they need; nothing else compares
 * roles. Scoping (own agency, own notice) is the services' job, in SQL; this table only says
 * whether the action is open to the role at all.
 */
export const PERMISSIONS = {
  "profile.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "profile.update": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "reference.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "reference.curate": ["coordinator", "admin"],
  "agency.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "agency.manage": ["admin"],
  // Agency admins reach only their own agency's users: the users service scopes it in SQL.
  "user.manage": ["agency_admin", "admin"],
  "user.manage_all": ["admin"],
  // Notices. Who may read WHICH notice is decided by server/services/visibility.ts alone; these
  // only say which actions a role may attempt at all.
  "notice.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  // UNODC sees the whole region: every released notice except RED ones not addressed to them.
  "notice.read_region": ["coordinator"],
  "notice.create": ["analyst", "coordinator"],
  "notice.edit": ["analyst", "coordinator"],
  "notice.release": ["chief"],
  "notice.link": ["analyst", "chief", "coordinator"],
  "notice.retract": ["analyst", "chief", "coordinator"],
  // Who read the notices of one's own agency (AMBER and stricter reads are audited).
  "notice.read_log": ["analyst", "chief", "agency_admin", "coordinator"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles a user of `role` may hand out when managing users. */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  analyst: [],
  chief: [],
  coordinator: [],
  agency_admin: ["analyst", "chief", "agency_admin"],
  admin: ["analyst", "chief", "agency_admin", "coordinator", "admin"],
};

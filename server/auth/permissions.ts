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

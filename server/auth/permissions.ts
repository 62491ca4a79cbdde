import type { Role } from "~/server/auth/roles";

/**
 * Who may do what, as data. Procedures declare the permission they need; nothing else compares
 * roles. Scoping (own agency, own notice) is the services' job, in SQL; this table only says
 * whether the action is open to the role at all.
 */
export const PERMISSIONS = {
  "profile.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "profile.update": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  // One's own second factor: enrolling, proving a code, recovery codes.
  "mfa.manage": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "reference.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "reference.curate": ["coordinator", "admin"],
  "agency.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "agency.manage": ["admin"],
  // Agency admins reach only their own agency's users: the users service scopes it in SQL.
  "user.manage": ["agency_admin", "admin"],
  "user.manage_all": ["admin"],
  // Service accounts of one's own agency and their API keys (/api/v1): issue, list, revoke.
  "api_key.manage": ["agency_admin", "admin"],
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
  // Deconfliction (issue 19): asking another agency for a notice one may not read that names what
  // one's own notice names, and answering such requests about one's own agency's notices.
  "deconfliction.request": ["analyst", "chief"],
  "deconfliction.answer": ["analyst", "chief"],
  // Who read the notices of one's own agency (AMBER and stricter reads are audited).
  "notice.read_log": ["analyst", "chief", "agency_admin", "coordinator"],
  // One's own subscriptions, watches and mail settings (the service scopes them to the viewer).
  "subscription.manage": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  // The stored-mail mailbox, failed jobs, and running the digests now.
  "mail.admin": ["admin"],
  // One's own in-app notifications (the service scopes them to the viewer and to readable notices).
  "notification.read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "notification.mark_read": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  // Moderation. Any reader may report a notice they can read; coordinators act on reports and
  // on notices waiting for review; the agency concerned reads the log of decisions on its notices.
  "notice.report": ["analyst", "chief", "agency_admin", "coordinator", "admin"],
  "moderation.review": ["coordinator"],
  "moderation.log": ["analyst", "chief", "agency_admin", "coordinator"],
  // Placing an agency or a user under pre-moderation.
  "moderation.configure": ["admin"],
  // Checking the lines of a customs declaration against the reference data and the notices the
  // screener may read: those who inspect consignments (officers, chiefs) and the coordinators who
  // support them. Nothing of the declaration is kept.
  "declaration.screen": ["analyst", "chief", "coordinator"],
  // Searching the whole audit trail (sign-ins, changes, reads, moderation).
  "audit.search": ["coordinator", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

// Accounts that can change what other agencies see, or who may sign in, cannot do without a
// second factor: sessions stop at the MFA step until the user has enrolled and proved a code.
export const MFA_REQUIRED_ROLES: readonly Role[] = ["coordinator", "admin", "agency_admin"];

/** The roles a user of `role` may hand out when managing users. */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  analyst: [],
  chief: [],
  coordinator: [],
  agency_admin: ["analyst", "chief", "agency_admin"],
  admin: ["analyst", "chief", "agency_admin", "coordinator", "admin"],
};

import type { Role } from "~/server/auth/roles";

/** A choice in a select, already in the reader's language. */
export type Option = { id: string; label: string };

export type UserFormOptions = {
  agencies: Option[];
  crossings: Option[];
  roles: Role[];
  canChangeAgency: boolean;
};

export type Invitation = { link: string; expiresAt: Date };

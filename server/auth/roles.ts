import { role } from "~/db/schema";

export const ROLES = role.enumValues;
export type Role = (typeof ROLES)[number];

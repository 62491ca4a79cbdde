import { z } from "zod";
import { DEFAULT_TIME_ZONE } from "~/i18n/locales";
import { ref, string, text } from "~/schemas/fields";
import { ZPassword } from "~/schemas/password";
import { PASSWORD_MAX } from "~/schemas/password-length";
import { ZPreferences } from "~/schemas/profile";
import { ROLES } from "~/server/auth/roles";

// Stored lower-cased, so that uniqueness and sign-in ignore case.
export const ZEmail = text(320).toLowerCase().min(1).pipe(z.email());
const ZUserName = ZPreferences.shape.name;
// Naming an existing record: whatever does not exist is reported by the service.
const ZRef = ref();
const ZDutyStation = ZRef.nullable();

export const ZUserInvite = z.strictObject({
  email: ZEmail,
  name: ZUserName,
  agencyId: ZRef,
  role: z.enum(ROLES),
  dutyStationId: ZDutyStation.default(null),
  // Validated as on the profile page, where the user may later change them.
  locale: ZPreferences.shape.locale.default("en"),
  timeZone: ZPreferences.shape.timeZone.default(DEFAULT_TIME_ZONE),
  // The new member's notices wait for a UNODC coordinator until an administrator lifts it.
  preModerated: z.boolean().default(false),
});
export type UserInviteInput = z.input<typeof ZUserInvite>;
export type UserInvite = z.output<typeof ZUserInvite>;

/** Only the fields present change. */
export const ZUserUpdate = z.strictObject({
  userId: z.uuid(),
  name: ZUserName.optional(),
  role: z.enum(ROLES).optional(),
  agencyId: ZRef.optional(),
  dutyStationId: ZDutyStation.optional(),
});
export type UserUpdateInput = z.input<typeof ZUserUpdate>;

/** The edit form posts every field it shows: a name is required there, and "no duty station" is a choice. */
export const ZUserEdit = ZUserUpdate.extend({ name: ZUserName, role: z.enum(ROLES), dutyStationId: ZDutyStation.default(null) });

export const ZUserRef = z.strictObject({ userId: z.uuid() });

// 32 random bytes in base64url are 43 characters; the bound only keeps junk out of the hash.
const ZToken = string().min(1).max(128);

export const ZInvitationCheck = z.strictObject({ token: ZToken });

export const ZInvitationAccept = z
  .strictObject({ token: ZToken, password: ZPassword, confirmPassword: z.string().max(PASSWORD_MAX) })
  .refine((input) => input.password === input.confirmPassword, { error: "passwordMismatch", path: ["confirmPassword"] });
export type InvitationAcceptInput = z.input<typeof ZInvitationAccept>;

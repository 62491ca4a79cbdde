import { z } from "zod";
import { LOCALES } from "~/i18n/locales";
import { string, text } from "~/schemas/fields";
import { ZPassword } from "~/schemas/password";
import { PASSWORD_MAX } from "~/schemas/password-length";

// Where the platform's users work: offered first, before the rest of the world's zones.
const REGIONAL_TIME_ZONES = ["Asia/Almaty", "Asia/Bishkek", "Asia/Dushanbe", "Asia/Tashkent", "Asia/Shanghai", "Asia/Urumqi"];

let supported: ReadonlySet<string> | undefined;
const supportedTimeZones = () => (supported ??= new Set(Intl.supportedValuesOf("timeZone")));

/** The time zones a user may choose: the region's own, then the others. */
export function timeZoneOptions(): { regional: string[]; others: string[] } {
  const all = supportedTimeZones();
  return {
    regional: REGIONAL_TIME_ZONES.filter((zone) => all.has(zone)),
    others: [...all].filter((zone) => !REGIONAL_TIME_ZONES.includes(zone)),
  };
}

export const ZPreferences = z.strictObject({
  name: text(200).min(1),
  locale: z.enum(LOCALES),
  timeZone: string()
    .max(64)
    .refine((zone) => supportedTimeZones().has(zone), { error: "unknownTimeZone" }),
});
export type PreferencesInput = z.input<typeof ZPreferences>;

export const ZPasswordChange = z
  .strictObject({
    // Bounded by what sign-in accepts, not by today's rule: an older password may be shorter.
    currentPassword: z.string().min(1).max(1024),
    newPassword: ZPassword,
    confirmPassword: z.string().max(PASSWORD_MAX),
  })
  .refine((change) => change.confirmPassword === change.newPassword, { error: "passwordMismatch", path: ["confirmPassword"] })
  .refine((change) => change.newPassword !== change.currentPassword, { error: "passwordUnchanged", path: ["newPassword"] });
export type PasswordChangeInput = z.input<typeof ZPasswordChange>;

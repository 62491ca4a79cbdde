import { z } from "zod";
import { string, text } from "./fields";

// Six digits from the authenticator app; spaces a user may type between groups are dropped.
export const ZMfaCode = z.strictObject({
  code: string()
    .max(16)
    .transform((code) => code.replace(/\s/g, ""))
    .refine((code) => /^\d{6}$/.test(code), { error: "mfaCodeFormat" }),
});
export type MfaCodeInput = z.input<typeof ZMfaCode>;

/** Starting an enrolment: the button alone. */
export const ZMfaEnrolmentStart = z.strictObject({});

// As printed at enrolment (six groups of four); case, spaces and dashes do not matter.
export const ZRecoveryCode = z.strictObject({ code: text(64).min(1) });
export type RecoveryCodeInput = z.input<typeof ZRecoveryCode>;

/** Replacing the recovery codes or turning the second factor off: the button pressed, and a fresh code. */
export const ZMfaCodeConfirmed = ZMfaCode.extend({ intent: z.enum(["regenerate", "disable"]) });

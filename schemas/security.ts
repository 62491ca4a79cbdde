import { z } from "zod";

// Six digits from the authenticator app; spaces a user may type between groups are dropped.
export const ZMfaCode = z.strictObject({
  code: z
    .string()
    .max(16)
    .transform((code) => code.replace(/\s/g, ""))
    .refine((code) => /^\d{6}$/.test(code), { error: "mfaCodeFormat" }),
});
export type MfaCodeInput = z.input<typeof ZMfaCode>;

// As printed at enrolment (six groups of four); case, spaces and dashes do not matter.
export const ZRecoveryCode = z.strictObject({ code: z.string().trim().min(1).max(64) });
export type RecoveryCodeInput = z.input<typeof ZRecoveryCode>;

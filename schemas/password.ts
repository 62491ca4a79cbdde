import { z } from "zod";

// Length is what makes a password strong (NIST SP 800-63B, ASVS V6.2): at least 15 characters,
// long passphrases welcome, no composition rules.
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

export const ZPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

import { z } from "zod";

// Length is what makes a password strong (NIST SP 800-63B, ASVS V6.2): at least 15 characters,
// long passphrases welcome, no composition rules.
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

// Plain strings, not the storable ones of ./fields: a password is never stored or queried as text
// (only its argon2 hash is), and it is checked exactly as typed (ASVS V6.2.8).
export const ZPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

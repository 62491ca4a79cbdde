import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-length";

// Plain strings, not the storable ones of ./fields: a password is never stored or queried as text
// (only its argon2 hash is), and it is checked exactly as typed (ASVS V6.2.8).
export const ZPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

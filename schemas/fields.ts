import { z } from "zod";

/** Free text, trimmed, bounded. */
export const text = (max: number) => z.string().trim().max(max);

/** Free text that may be left empty: an empty field is stored as null, not as "". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable()
    .optional();

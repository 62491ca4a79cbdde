import { z } from "zod";

// The building blocks of every input schema. Each refuses, with a field message, what PostgreSQL
// would refuse with an error (a 500 the user can only retry), and keeps values within what the
// platform's records can mean.

// A NUL, which PostgreSQL refuses in text and jsonb, or a lone UTF-16 surrogate, which has no UTF-8
// form: the driver would silently store U+FFFD in its place, so what was saved is not what was typed.
const UNSTORABLE = /[\0\p{Cs}]/u;

/** Whether PostgreSQL stores this text exactly as it is. */
export const storable = (value: string) => !UNSTORABLE.test(value);

/** Any string input. Every string schema starts here. */
export const string = () => z.string().refine(storable, { error: "invalidCharacters" });

/** Free text, trimmed, bounded. */
export const text = (max: number) => string().trim().max(max);

/** Free text that may be left empty: an empty field is stored as null, not as "". */
export const optionalText = (max: number) =>
  text(max)
    .transform((value) => value || null)
    .nullable()
    .optional();

/** The id or slug of an existing record: whatever names nothing is the service's "not found". */
export const ref = (max = 64) => text(max).min(1);

/** PostgreSQL's `integer`: a larger number is refused by the database, not rounded. */
export const int4 = () => z.int32();

// PostgreSQL takes years 4713 BC to 5874897 AD, far beyond anything a seizure, an arrest or a
// filter can concern; outside this range a date is a typing error the user should see.
export const DATE_MIN = "1900-01-01";
export const DATE_MAX = "2100-12-31";

/** A calendar date, YYYY-MM-DD, within the years the platform's records can concern. */
export const isoDate = () =>
  z.iso
    .date({ error: "invalidDate" })
    .refine((date) => date >= DATE_MIN && date <= DATE_MAX, { error: "dateOutOfRange", params: { min: DATE_MIN, max: DATE_MAX } });

import { z } from "zod";
import { DATE_MAX, DATE_MIN, string } from "./fields";

// One page of a TAXII 2.1 collection's objects (server/api/taxii/): the query parameters of
// GET .../collections/{id}/objects/, as the procedure exports.taxii takes them.

/** The most objects one page carries, and what a client gets when it names no limit. */
export const TAXII_LIMIT_MAX = 500;
export const TAXII_LIMIT_DEFAULT = 100;

// A STIX type name (spec 2.1, 3.1: lowercase ASCII letters, digits and hyphens, 3 to 250 long).
const stixType = string().regex(/^[a-z0-9-]{3,250}$/, { error: "invalid" });

export const ZTaxiiObjectsInput = z.strictObject({
  /** Only notices released strictly after this instant (TAXII's `added_after`). */
  addedAfter: z.iso
    .datetime({ offset: true, error: "invalidDate" })
    .refine((at) => at.slice(0, 10) >= DATE_MIN && at.slice(0, 10) <= DATE_MAX, { error: "dateOutOfRange" })
    .optional(),
  /** The opaque `next` of the previous page (a keyset cursor on release time and id). */
  next: string().max(200).optional(),
  limit: z.int({ error: "invalidNumber" }).min(1).max(TAXII_LIMIT_MAX).default(TAXII_LIMIT_DEFAULT),
  /** TAXII's `match[type]`: only objects of these types. */
  types: z.array(stixType).max(20).optional(),
});
export type TaxiiObjectsInput = z.infer<typeof ZTaxiiObjectsInput>;

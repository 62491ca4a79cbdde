import { z } from "zod";

/** The countries whose crossings and terminals the platform lists, in the order the pages group them. */
export const CROSSING_COUNTRIES = ["KZ", "KG", "TJ"] as const;
export type CrossingCountry = (typeof CROSSING_COUNTRIES)[number];

export const SUBSTANCE_QUERY_MAX = 100;
export const SUBSTANCE_LIMIT_MAX = 100;

// Reference ids are the slugs of the shared data set (torugart, acetic-anhydride, 4-ap …).
const ZReferenceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/);

export const ZReferenceGet = z.strictObject({ id: ZReferenceId });

export const ZCrossingList = z.strictObject({ country: z.enum(CROSSING_COUNTRIES).optional() });

export const ZSubstanceSearch = z.strictObject({
  q: z.string().trim().max(SUBSTANCE_QUERY_MAX).optional(),
  limit: z.number().int().min(1).max(SUBSTANCE_LIMIT_MAX).optional(),
});

export type CrossingListInput = z.infer<typeof ZCrossingList>;
export type ReferenceGetInput = z.infer<typeof ZReferenceGet>;
export type SubstanceSearchInput = z.infer<typeof ZSubstanceSearch>;

import { z } from "zod";
import { optionalText, string, text } from "./fields";
import { CROSSING_COUNTRIES } from "./reference-enums";

export const SUBSTANCE_QUERY_MAX = 100;
export const SUBSTANCE_LIMIT_MAX = 100;

// Reference ids are the slugs of the shared data set (torugart, acetic-anhydride, 4-ap …).
const ZReferenceId = string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/);

export const ZReferenceGet = z.strictObject({ id: ZReferenceId });

export const ZCrossingList = z.strictObject({ country: z.enum(CROSSING_COUNTRIES).optional() });

export const ZSubstanceSearch = z.strictObject({
  q: text(SUBSTANCE_QUERY_MAX).optional(),
  limit: z.number().int().min(1).max(SUBSTANCE_LIMIT_MAX).optional(),
});

export type CrossingListInput = z.infer<typeof ZCrossingList>;
export type ReferenceGetInput = z.infer<typeof ZReferenceGet>;
export type SubstanceSearchInput = z.infer<typeof ZSubstanceSearch>;

// Curation by coordinators. A field left out stays as it is.
export const ZCrossingCurate = z.strictObject({
  id: ZReferenceId,
  status: z.enum(["open", "seasonal", "closed"]).optional(),
  // e.g. "Open May–November, 15 days open / 15 closed".
  scheduleNote: optionalText(500),
});
export type CrossingCurateInput = z.input<typeof ZCrossingCurate>;

export const ZSubstanceCurate = z.strictObject({
  id: ZReferenceId,
  conventionTable: z.enum(["I", "II"]),
  nameEn: text(200).min(1),
  nameRu: text(200).min(1),
  nameZh: optionalText(200),
  aliases: z.array(text(200).min(1)).max(30).optional(),
  cas: optionalText(30),
  hsCode: optionalText(30),
  densityGPerMl: z.number().positive().max(25).nullable().optional(),
  illicitUse: optionalText(2000),
  licitUses: optionalText(2000),
});
export type SubstanceCurateInput = z.input<typeof ZSubstanceCurate>;

export const ZProvisionCurate = z.strictObject({
  id: ZReferenceId,
  countryCode: z.enum(CROSSING_COUNTRIES),
  code: text(200).min(1),
  article: optionalText(50),
  inForce: z.boolean(),
  titleEn: text(500).min(1),
  penaltySummary: optionalText(2000),
});
export type ProvisionCurateInput = z.input<typeof ZProvisionCurate>;

// The curation forms post every field they show, and a form leaves an emptied field out: there,
// empty means cleared (null), where the procedures read an absent field as "keep".
const cleared = (max: number) => optionalText(max).default(null);

export const ZCrossingCurateForm = ZCrossingCurate.extend({ scheduleNote: cleared(500) });

export const ZSubstanceCurateForm = ZSubstanceCurate.extend({
  nameZh: cleared(200),
  cas: cleared(30),
  hsCode: cleared(30),
  // One text field, names separated by commas.
  aliases: text(6200)
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((alias) => alias.trim())
        .filter(Boolean),
    )
    .pipe(ZSubstanceCurate.shape.aliases.unwrap()),
});

export const ZProvisionCurateForm = ZProvisionCurate.extend({
  article: cleared(50),
  penaltySummary: cleared(2000),
  // An unticked box is not posted.
  inForce: z.boolean().default(false),
});

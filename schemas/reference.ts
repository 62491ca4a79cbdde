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

// Curation by coordinators. A field left out stays as it is. Every free text comes in English,
// Russian and Chinese: whoever sets an English text gives its translations too, so no reader is
// shown a translation of what the record used to say.
const inThreeLanguages = (max: number) => ({ en: optionalText(max), ru: optionalText(max), zh: optionalText(max) });

/** The free texts of a curation input, as [English, Russian, Chinese] field names. */
type Triple = readonly [string, string, string];
const translationsRequired =
  (...triples: Triple[]) =>
  (input: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const [en, ...translations] of triples)
      for (const field of translations)
        if (typeof input[en] === "string" && typeof input[field] !== "string") ctx.addIssue({ code: "custom", message: "translationRequired", path: [field] });
  };

const schedule = inThreeLanguages(500);
const crossingCurate = {
  id: ZReferenceId,
  status: z.enum(["open", "seasonal", "closed"]).optional(),
  // e.g. "Open May–November, 15 days open / 15 closed".
  scheduleNote: schedule.en,
  scheduleNoteRu: schedule.ru,
  scheduleNoteZh: schedule.zh,
};
const CROSSING_TEXTS: Triple[] = [["scheduleNote", "scheduleNoteRu", "scheduleNoteZh"]];
export const ZCrossingCurate = z.strictObject(crossingCurate).superRefine(translationsRequired(...CROSSING_TEXTS));
export type CrossingCurateInput = z.input<typeof ZCrossingCurate>;

const illicitUse = inThreeLanguages(2000);
const licitUses = inThreeLanguages(2000);
const substanceCurate = {
  id: ZReferenceId,
  conventionTable: z.enum(["I", "II"]),
  nameEn: text(200).min(1),
  nameRu: text(200).min(1),
  nameZh: optionalText(200),
  aliases: z.array(text(200).min(1)).max(30).optional(),
  cas: optionalText(30),
  hsCode: optionalText(30),
  densityGPerMl: z.number().positive().max(25).nullable().optional(),
  illicitUse: illicitUse.en,
  illicitUseRu: illicitUse.ru,
  illicitUseZh: illicitUse.zh,
  licitUses: licitUses.en,
  licitUsesRu: licitUses.ru,
  licitUsesZh: licitUses.zh,
};
const SUBSTANCE_TEXTS: Triple[] = [
  ["illicitUse", "illicitUseRu", "illicitUseZh"],
  ["licitUses", "licitUsesRu", "licitUsesZh"],
];
export const ZSubstanceCurate = z.strictObject(substanceCurate).superRefine(translationsRequired(...SUBSTANCE_TEXTS));
export type SubstanceCurateInput = z.input<typeof ZSubstanceCurate>;

const penalty = inThreeLanguages(2000);
const provisionCurate = {
  id: ZReferenceId,
  countryCode: z.enum(CROSSING_COUNTRIES),
  code: text(200).min(1),
  article: optionalText(50),
  inForce: z.boolean(),
  titleEn: text(500).min(1),
  titleRu: optionalText(500),
  titleZh: optionalText(500),
  penaltySummary: penalty.en,
  penaltySummaryRu: penalty.ru,
  penaltySummaryZh: penalty.zh,
};
const PROVISION_TEXTS: Triple[] = [
  ["titleEn", "titleRu", "titleZh"],
  ["penaltySummary", "penaltySummaryRu", "penaltySummaryZh"],
];
export const ZProvisionCurate = z.strictObject(provisionCurate).superRefine(translationsRequired(...PROVISION_TEXTS));
export type ProvisionCurateInput = z.input<typeof ZProvisionCurate>;

/** Each record's free texts as [English, Russian, Chinese] field names, for the service to clear a translation with its English. */
export const CURATED_TEXTS = { crossing: CROSSING_TEXTS, substance: SUBSTANCE_TEXTS, provision: PROVISION_TEXTS } as const;

// The curation forms post every field they show, and a form leaves an emptied field out: there,
// empty means cleared (null), where the procedures read an absent field as "keep".
const cleared = (max: number) => optionalText(max).default(null);

export const ZCrossingCurateForm = z
  .strictObject({ ...crossingCurate, scheduleNote: cleared(500), scheduleNoteRu: cleared(500), scheduleNoteZh: cleared(500) })
  .superRefine(translationsRequired(...CROSSING_TEXTS));

export const ZSubstanceCurateForm = z
  .strictObject({
    ...substanceCurate,
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
      .pipe(substanceCurate.aliases.unwrap()),
    illicitUse: cleared(2000),
    illicitUseRu: cleared(2000),
    illicitUseZh: cleared(2000),
    licitUses: cleared(2000),
    licitUsesRu: cleared(2000),
    licitUsesZh: cleared(2000),
  })
  .superRefine(translationsRequired(...SUBSTANCE_TEXTS));

export const ZProvisionCurateForm = z
  .strictObject({
    ...provisionCurate,
    article: cleared(50),
    titleRu: cleared(500),
    titleZh: cleared(500),
    penaltySummary: cleared(2000),
    penaltySummaryRu: cleared(2000),
    penaltySummaryZh: cleared(2000),
    // An unticked box is not posted.
    inForce: z.boolean().default(false),
  })
  .superRefine(translationsRequired(...PROVISION_TEXTS));

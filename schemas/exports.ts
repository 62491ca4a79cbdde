import countries from "i18n-iso-countries";
import { z } from "zod";
import { DATE_MAX, DATE_MIN, string, text } from "./fields";
import { FEED_PARAMS, SEARCH_ENTITY_KINDS, SEARCH_PARAMS, ZFeedFilters, ZNoticeId, ZSearchFilters } from "./notices";

/**
 * Which notices an export carries: one notice, what a feed (or crossing) page's filters select, or
 * what a search finds. The service reads them through the visibility rule whatever is asked.
 */
export const ZExportSelection = z.discriminatedUnion("scope", [
  z.strictObject({ scope: z.literal("notice"), id: ZNoticeId }),
  z.strictObject({ scope: z.literal("feed"), filters: ZFeedFilters.default({}) }),
  // The search page's view: its query, the filters its facets and names chose, and the kinds of
  // names read as words (removed chips).
  z.strictObject({
    scope: z.literal("search"),
    q: text(200).min(1),
    filters: ZSearchFilters.default({}),
    asWords: z.array(z.enum(SEARCH_ENTITY_KINDS)).max(SEARCH_ENTITY_KINDS.length).default([]),
  }),
]);
export type ExportSelection = z.infer<typeof ZExportSelection>;

/**
 * The most notices one export carries. A feed or search export takes the newest this many, as the
 * pages list them; the audit entry says when the selection held more. A file of a thousand
 * notices is ~5,000 queries' worth of snapshots: enough for a report, not a bulk dump.
 */
export const EXPORT_LIMIT = 1000;

/**
 * A download link's query string read back into a selection (still to be checked by
 * ZExportSelection): `scope=feed` with the feed's own short parameters, `scope=search&q=…` with the search's,
 * `scope=notice&id=…`. Unknown parameters are ignored, as the pages ignore them. Nothing is checked
 * here: the typed result is what the procedure's schema then accepts or refuses.
 */
export function selectionFromParams(params: URLSearchParams): z.input<typeof ZExportSelection> {
  return readSelection(params) as z.input<typeof ZExportSelection>;
}

function readSelection(params: URLSearchParams): object {
  const scope = params.get("scope");
  if (scope === "notice") return { scope, id: params.get("id") ?? "" };
  if (scope === "search") {
    const filters: Record<string, string | number> = {};
    for (const [param, field] of Object.entries(SEARCH_PARAMS)) {
      const value = params.get(param)?.trim();
      if (value) filters[field] = field === "year" ? Number(value) : value;
    }
    const asWords = params.get("words")?.split(",").filter(Boolean) ?? [];
    return { scope, q: params.get("q") ?? "", filters, asWords };
  }
  const filters: Record<string, string> = {};
  for (const [param, field] of Object.entries(FEED_PARAMS)) {
    const value = params.get(param)?.trim();
    if (value) filters[field] = param === "country" ? value.toUpperCase() : value;
  }
  return { scope: "feed", filters };
}

/** The query string of a download link for a selection (the inverse of `selectionFromParams`). */
export function selectionParams(selection: ExportSelection): URLSearchParams {
  const params = new URLSearchParams({ scope: selection.scope });
  if (selection.scope === "notice") params.set("id", selection.id);
  else if (selection.scope === "search") {
    params.set("q", selection.q);
    for (const [param, field] of Object.entries(SEARCH_PARAMS)) {
      const value = selection.filters[field];
      if (value !== undefined) params.set(param, String(value));
    }
    if (selection.asWords.length) params.set("words", selection.asWords.join(","));
  } else {
    for (const [param, field] of Object.entries(FEED_PARAMS)) {
      const value = selection.filters[field];
      if (value) params.set(param, value);
    }
  }
  return params;
}

// The years a Form D can be asked for: those a notice's date may have (schemas/fields.ts).
export const FORM_D_YEAR_MIN = Number(DATE_MIN.slice(0, 4));
export const FORM_D_YEAR_MAX = Number(DATE_MAX.slice(0, 4));

/** An ISO 3166-1 alpha-2 code that names a country (the reference data holds the same list). */
const knownCountry = string()
  .regex(/^[A-Z]{2}$/, { error: "invalidCountry" })
  .refine((code) => countries.isValid(code), { error: "unknownCountry" });

/** INCB Form D (seizures): a reporting country and a calendar year. */
export const ZFormDInput = z.strictObject({
  countryCode: knownCountry,
  year: z.int({ error: "invalidNumber" }).min(FORM_D_YEAR_MIN).max(FORM_D_YEAR_MAX),
});
export type FormDInput = z.infer<typeof ZFormDInput>;

/** A Form D address's `country` and `year`, unchecked (the procedure's schema checks them). */
export function formDFromParams(params: URLSearchParams): FormDInput {
  return { countryCode: (params.get("country") ?? "").trim().toUpperCase(), year: Number(params.get("year") ?? "") };
}

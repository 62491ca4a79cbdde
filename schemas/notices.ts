import { z } from "zod";
import { int4, isoDate, optionalText, ref, string, text } from "./fields";
import {
  ARREST_STATUSES,
  COMPANY_GROUNDS,
  CONVEYANCES,
  HANDLING_CODES,
  INFO_CREDIBILITY,
  NOTICE_KINDS,
  NOTICE_STATUSES,
  PERSON_ROLES,
  QUANTITY_UNITS,
  SOURCE_RELIABILITY,
  TLP_LEVELS,
} from "./notice-enums";
import { SEIZURE_ITEMS_MAX } from "./notice-limits";

// Input schemas of notices, shared by the forms and the procedures. Objects are strict (unknown
// keys are refused) and every list and string is bounded.

const id = ref();
const countryCode = string().regex(/^[A-Z]{2}$/, { error: "invalidCountry" });
const countryList = z.array(countryCode).max(20).default([]);

export const ZNoticeId = z.uuid();

// Phone numbers as people write them (+7 701 555 12 34, 8 (701) 555-12-34); kept as written and
// read as E.164 for correlation (server/services/notices/identifiers.ts).
const phones = z
  .array(
    text(40)
      .min(1)
      .regex(/^\+?[\d\s().-]{5,40}$/, { error: "invalidPhone" }),
  )
  .max(10)
  .default([]);
const partyName = optionalText(200);

const ZCommon = z.strictObject({
  title: text(200).min(3),
  narrative: text(20_000).default(""),
  occurredOn: isoDate(),
  // Local time of day in the author's time zone, when known.
  occurredTime: string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "invalidTime" })
    .nullable()
    .optional(),
  crossingId: id.nullable().optional(),
  placeText: optionalText(200),
  countryCode: countryCode.nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  tags: z.array(text(40).min(1)).max(20).default([]),
  tlp: z.enum(TLP_LEVELS),
  releaseAgencyIds: z.array(id).max(50).default([]),
  releaseCountryCodes: countryList,
  recipientIds: z.array(z.uuid()).max(50).default([]),
  sourceReliability: z.enum(SOURCE_RELIABILITY),
  infoCredibility: z.union(INFO_CREDIBILITY.map((n) => z.literal(n))),
  handlingCode: z.enum(HANDLING_CODES),
  // Deconfliction (issue 19): agencies that name what this notice names may ask for it. Not for RED.
  allowDeconfliction: z.boolean().default(false),
});

// Quantities are kept in numeric(14, 3), and so is their mass in kg, per item and for the whole
// seizure: up to 20 items in tonnes (x1000) or litres (x25 at most, the densest substance) stay
// within the column's 10^11 at a million of any unit, which is beyond any seizure ever made.
export const QUANTITY_MAX = 1_000_000;

export const ZSeizureItem = z.strictObject({
  // A form leaves the field out when no substance is chosen (a description says what it was).
  substanceId: id.nullable().default(null),
  description: optionalText(200),
  quantity: z.number().positive().max(QUANTITY_MAX),
  unit: z.enum(QUANTITY_UNITS),
});

const ZSeizure = ZCommon.extend({
  kind: z.literal("seizure"),
  items: z.array(ZSeizureItem).min(1).max(SEIZURE_ITEMS_MAX),
  concealment: optionalText(500),
  declaredAs: optionalText(200),
  declaredHsCode: string()
    .trim()
    .regex(/^\d{4}(\.\d{2}){0,2}$/, { error: "invalidHsCode" })
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  conveyance: z.enum(CONVEYANCES).nullable().optional(),
  conveyanceIds: z.array(text(60).min(1)).max(20).default([]),
  originCountries: countryList,
  transitCountries: countryList,
  destinationCountries: countryList,
  seizingAgencyId: id.nullable().optional(),
  consignor: partyName,
  consignee: partyName,
  phones,
});

export const ZCompanyName = z.strictObject({
  script: z.enum(["latin", "cyrillic", "chinese"]),
  name: text(200).min(1),
});

const ZCompanyAlert = ZCommon.extend({
  kind: z.literal("company_alert"),
  names: z.array(ZCompanyName).min(1).max(10),
  registrationNumbers: z.array(text(60).min(1)).max(10).default([]),
  registrationCountryCode: countryCode.nullable().optional(),
  addresses: z.array(text(300).min(1)).max(10).default([]),
  owners: z.array(text(200).min(1)).max(20).default([]),
  phones,
  grounds: z.array(z.enum(COMPANY_GROUNDS)).min(1).max(COMPANY_GROUNDS.length),
  groundsNote: optionalText(1000),
  recommendedAction: text(1000).min(3),
  expiresOn: isoDate(),
});

export const ZPerson = z.strictObject({
  names: z
    .strictObject({ latin: optionalText(200), cyrillic: optionalText(200), chinese: optionalText(200) })
    .refine((n) => Boolean(n.latin || n.cyrillic || n.chinese), { error: "personNameRequired" }),
  nationalityCode: countryCode.nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  role: z.enum(PERSON_ROLES),
});

const ZArrest = ZCommon.extend({
  kind: z.literal("arrest"),
  arrestingAgencyId: id.nullable().optional(),
  persons: z.array(ZPerson).min(1).max(50),
  chargeIds: z.array(id).max(20).default([]),
  arrestStatus: z.enum(ARREST_STATUSES),
  // Companies the arrested act for (director, employee), by name: how an arrest meets an alert.
  companies: z.array(text(200).min(1)).max(10).default([]),
  phones,
});

/** The shape rules of TLP that do not need the database (which agencies and users exist is the service's check). */
function tlpRules(notice: z.infer<typeof ZCommon> & { kind: string }, ctx: z.RefinementCtx) {
  const issue = (path: string, error: string) => ctx.addIssue({ code: "custom", path: [path], message: error });
  if (notice.kind === "arrest" && (notice.tlp === "clear" || notice.tlp === "green")) issue("tlp", "arrestNotPublic");
  if (notice.tlp === "amber" && notice.releaseAgencyIds.length + notice.releaseCountryCodes.length === 0) issue("releaseAgencyIds", "releaseTargetRequired");
  if (notice.tlp === "amber_strict" && notice.releaseAgencyIds.length === 0) issue("releaseAgencyIds", "releaseAgencyRequired");
  if (notice.tlp === "amber_strict" && notice.releaseCountryCodes.length > 0) issue("releaseCountryCodes", "strictNoCountries");
  if (notice.tlp === "red" && notice.recipientIds.length === 0) issue("recipientIds", "recipientRequired");
  if (notice.tlp === "red" && notice.allowDeconfliction) issue("allowDeconfliction", "deconflictionNotRed");
  if (!notice.crossingId && !(notice.placeText && notice.countryCode)) issue("crossingId", "placeRequired");
}

export const ZNoticeInput = z.discriminatedUnion("kind", [ZSeizure, ZCompanyAlert, ZArrest]).superRefine(tlpRules);
export type NoticeInput = z.infer<typeof ZNoticeInput>;
export type NoticeFormValues = z.input<typeof ZNoticeInput>;

export const ZCreateNotice = z.strictObject({
  // Generated once per form: a retried submission carries the same key and gets the same notice.
  idempotencyKey: z.uuid(),
  asDraft: z.boolean().default(false),
  notice: ZNoticeInput,
});

export const ZUpdateNotice = z.strictObject({
  id: ZNoticeId,
  // The version the editor started from; a newer one in the database means someone else edited.
  version: int4().positive(),
  notice: ZNoticeInput,
});

export const ZNoticeVersion = z.strictObject({ id: ZNoticeId, version: int4().positive() });
export const ZRetractNotice = z.strictObject({ id: ZNoticeId, reason: text(1000).min(3) });
export const ZLinkNotices = z.strictObject({ id: ZNoticeId, otherId: ZNoticeId });

export const FEED_PAGE_MAX = 100;
// A page that a slow link at a mountain post loads in a second or two: ~25 KB of summaries.
export const FEED_PAGE_DEFAULT = 25;

export const ZFeedFilters = z.strictObject({
  kind: z.enum(NOTICE_KINDS).optional(),
  crossingId: id.optional(),
  countryCode: countryCode.optional(),
  substanceId: id.optional(),
  agencyId: id.optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  status: z.enum(NOTICE_STATUSES).optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
});
export type FeedFilters = z.infer<typeof ZFeedFilters>;

/** The feed's address: short, readable query parameters, each naming one filter (pages and export links). */
export const FEED_PARAMS = {
  kind: "kind",
  crossing: "crossingId",
  country: "countryCode",
  substance: "substanceId",
  agency: "agencyId",
  tlp: "tlp",
  status: "status",
  from: "from",
  to: "to",
} as const satisfies Record<string, keyof FeedFilters>;

// Newest posted first unless asked otherwise; posting is publication for published notices and
// creation for the rest.
export const FEED_SORTS = ["posted", "posted_asc", "occurred", "occurred_asc"] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

export const ZFeedInput = z.strictObject({
  filters: ZFeedFilters.default({}),
  sort: z.enum(FEED_SORTS).optional(),
  cursor: string().max(200).optional(),
  limit: z.number().int().min(1).max(FEED_PAGE_MAX).default(FEED_PAGE_DEFAULT),
});

// Counting new notices stops here: a banner says "100 or more" as well as any larger number.
export const NEWER_COUNT_CAP = 100;

/** An open feed page's filters (it shows published notices) and the cursor of its first notice, if it shows any. */
export const ZFeedArrivals = z.strictObject({
  filters: ZFeedFilters.omit({ status: true }).default({}),
  after: string().max(200).nullable(),
});

export const ZFeedCountInput = z.strictObject({ filters: ZFeedFilters.default({}) });

/** What a query can name through the reference data, each becoming the filter of its kind. */
export const SEARCH_ENTITY_KINDS = ["substance", "crossing", "country", "agency"] as const;
export type SearchEntityKind = (typeof SEARCH_ENTITY_KINDS)[number];

// Years a notice's events can fall in (the historical record starts in 1996).
export const SEARCH_YEAR_MIN = 1990;
export const SEARCH_YEAR_MAX = 2100;

/** A search's filters: the feed's, by the facets' names, and the year something happened. */
export const ZSearchFilters = z.strictObject({
  kind: z.enum(NOTICE_KINDS).optional(),
  crossingId: id.optional(),
  countryCode: countryCode.optional(),
  substanceId: id.optional(),
  agencyId: id.optional(),
  year: z.number().int().min(SEARCH_YEAR_MIN).max(SEARCH_YEAR_MAX).optional(),
});
export type SearchFilters = z.infer<typeof ZSearchFilters>;

/** A search address's short parameter for each filter (as the feed's). */
export const SEARCH_PARAMS = {
  kind: "kind",
  crossing: "crossingId",
  country: "countryCode",
  substance: "substanceId",
  agency: "agencyId",
  year: "year",
} as const satisfies Record<string, keyof SearchFilters>;

// Newest first, as the feed, or the best matches first (paged by position: a rank is no keyset).
export const SEARCH_SORTS = ["date", "relevance"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
// Relevance pages end here: nobody reads the 500th best match, and each page sorts all before it.
export const SEARCH_OFFSET_MAX = 500;

export const ZSearchInput = z.strictObject({
  q: text(200).min(1),
  filters: ZSearchFilters.default({}),
  sort: z.enum(SEARCH_SORTS).default("date"),
  // Kinds of names the query is not read for: a removed chip's words are searched as words.
  asWords: z.array(z.enum(SEARCH_ENTITY_KINDS)).max(SEARCH_ENTITY_KINDS.length).default([]),
  cursor: string().max(200).optional(),
  offset: z.number().int().min(0).max(SEARCH_OFFSET_MAX).optional(),
  limit: z.number().int().min(1).max(FEED_PAGE_MAX).default(FEED_PAGE_DEFAULT),
});

export const ZSimilarCompanies = z.strictObject({
  names: z.array(text(200)).max(10).default([]),
  registrationNumbers: z.array(text(60)).max(10).default([]),
  owners: z.array(text(200)).max(20).default([]),
});

export const ZRecipientQuery = z.strictObject({ q: text(100).min(1) });

/** A notice id inside whatever was pasted: an address (…/notices/<id>, maybe with more after it) or the id itself. */
export const NOTICE_ID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The id a pasted address or id names, or the pasted text trimmed (which the id schema then refuses). */
export const noticeIdIn = (pasted: string) => (pasted.match(NOTICE_ID_IN_TEXT)?.[0] ?? pasted.trim()).toLowerCase();

// Search as one types starts at two characters: one matches too much to help.
export const NOTICE_PICK_MIN = 2;

/** A notice picker's lookup as the user types: the start of words of a title, or a pasted address or id. */
export const ZNoticePick = z.strictObject({
  q: text(500).min(NOTICE_PICK_MIN),
  kind: z.enum(NOTICE_KINDS).optional(),
  statuses: z.array(z.enum(NOTICE_STATUSES)).min(1).max(NOTICE_STATUSES.length).optional(),
});

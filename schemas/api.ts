import { z } from "zod";
import { string } from "./fields";
import { NOTICE_KINDS, NOTICE_STATUSES, TLP_LEVELS } from "./notice-enums";
import { FEED_PAGE_DEFAULT, FEED_PAGE_MAX, FEED_SORTS, ZCreateNotice, ZFeedFilters, ZNoticeId, ZSearchInput, ZUpdateNotice } from "./notices";
import { SUBSTANCE_LIMIT_MAX, ZCrossingList, ZReferenceGet, ZSubstanceSearch } from "./reference";

// The machine API's requests (/api/v1, server/api/rest/) as the forms' and procedures' own
// schemas, reshaped only where HTTP carries them otherwise: numbers arrive as query text, the
// idempotency key as a header. Each request is then validated again by the procedure it calls.
// The answers' schemas document the JSON for the OpenAPI document; they validate nothing.

const pageLimit = z.coerce.number().int().min(1).max(FEED_PAGE_MAX).default(FEED_PAGE_DEFAULT);

export const ZApiNoticeQuery = ZFeedFilters.extend({
  sort: z.enum(FEED_SORTS).optional(),
  cursor: string().max(200).optional().meta({ description: "The `nextCursor` of the previous page." }),
  limit: pageLimit,
}).meta({ id: "NoticeListQuery" });

export const ZApiSearchQuery = ZSearchInput.extend({ limit: pageLimit }).meta({ id: "SearchQuery" });

export const ZApiSubstanceQuery = ZSubstanceSearch.extend({ limit: z.coerce.number().int().min(1).max(SUBSTANCE_LIMIT_MAX).optional() });
export const ZApiCrossingQuery = ZCrossingList;

export const ZApiNoticePath = z.strictObject({ id: ZNoticeId });
export const ZApiReferencePath = ZReferenceGet;

export const ZApiCreateNoticeBody = ZCreateNotice.omit({ idempotencyKey: true }).meta({ id: "CreateNotice" });
export const ZApiUpdateNoticeBody = ZUpdateNotice.omit({ id: true }).meta({ id: "UpdateNotice" });
export const ZApiUpdated = z.object({ id: z.uuid(), version: z.number().int(), changedFields: z.array(z.string()) }).meta({ id: "UpdatedNotice" });

export const ZApiIdempotencyHeader = z.object({
  "idempotency-key": z.uuid().meta({ description: "A UUID chosen by the client per notice: a retry with the same key and body returns the same notice." }),
});

// Answers.

const localizedNames = z.object({ en: z.string(), ru: z.string(), zh: z.string().nullable() });
const named = z.looseObject({ id: z.string(), name: z.string() });

export const ZApiNoticeSummary = z
  .object({
    id: z.uuid(),
    kind: z.enum(NOTICE_KINDS),
    title: z.string(),
    excerpt: z.string(),
    occurredOn: z.iso.date(),
    occurredAt: z.iso.datetime().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    crossing: named.nullable(),
    placeText: z.string().nullable(),
    countryCode: z.string().nullable(),
    countryName: z.string().nullable(),
    agency: z.object({ id: z.string(), name: z.string(), shortName: z.string() }),
    tlp: z.enum(TLP_LEVELS),
    status: z.enum(NOTICE_STATUSES),
    tags: z.array(z.string()),
    seizure: z.object({ substances: z.array(named), unidentified: z.boolean(), massKg: z.number().nullable() }).nullable(),
    companyAlert: z.object({ name: z.string(), expiresOn: z.iso.date(), expired: z.boolean() }).nullable(),
    arrest: z.object({ personCount: z.number() }).nullable(),
  })
  .meta({ id: "NoticeSummary" });

export const ZApiNoticePage = z
  .object({
    items: z.array(ZApiNoticeSummary),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "NoticePage" });

export const ZApiNotice = z
  .looseObject({
    notice: z.looseObject({
      id: z.uuid(),
      kind: z.enum(NOTICE_KINDS),
      title: z.string(),
      narrative: z.string(),
      occurredOn: z.iso.date(),
      tlp: z.enum(TLP_LEVELS),
      status: z.enum(NOTICE_STATUSES),
      version: z.number().int(),
      agency: z.looseObject({ id: z.string(), names: localizedNames, shortName: z.string() }),
      seizure: z.looseObject({ items: z.array(z.looseObject({})) }).optional(),
      companyAlert: z.looseObject({ names: z.array(z.looseObject({})) }).optional(),
      arrest: z.looseObject({ persons: z.array(z.looseObject({})) }).optional(),
    }),
    links: z.array(z.looseObject({ id: z.uuid(), kind: z.enum(NOTICE_KINDS), title: z.string(), tlp: z.enum(TLP_LEVELS) })),
  })
  .meta({ id: "Notice", description: "A notice in full, with the linked notices the key's account may read." });

export const ZApiCreated = z
  .object({
    id: z.uuid(),
    status: z.enum(NOTICE_STATUSES),
    created: z.boolean().meta({ description: "False when the idempotency key named an earlier submission." }),
  })
  .meta({ id: "CreatedNotice" });

export const ZApiReferenceList = z.array(z.looseObject({ id: z.string() })).meta({ id: "ReferenceList" });
export const ZApiReferenceItem = z.looseObject({ id: z.string() }).meta({ id: "ReferenceItem" });

export const PROBLEM_CODES = ["unauthorized", "forbidden", "not_found", "invalid_input", "conflict", "rate_limited", "unavailable", "internal"] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const ZProblem = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem; its fragment is `code`." }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(PROBLEM_CODES).meta({ description: "Stable and language-neutral: what a client should branch on." }),
    key: z.string().optional().meta({ description: "The platform's message key, when a rule refused the request (e.g. idempotencyKeyReused)." }),
    errors: z.record(z.string(), z.object({ key: z.string(), values: z.record(z.string(), z.unknown()).optional() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

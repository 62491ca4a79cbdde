import { z } from "zod";
import { isoDate, ref, string, text } from "./fields";
import { ZNoticeId } from "./notices";
import { PIN_DAYS_MAX, REPORT_REASONS } from "./moderation-enums";

// Input schemas of moderation and of the audit trail, shared by the pages' forms and the
// procedures. Strict objects, bounded strings and lists.

// Every decision carries a reason the author is shown.
const ZReason = text(1000).min(3);
// Pages are keyed by the id of their last entry.
const ZCursor = string()
  .regex(/^\d{1,18}$/)
  .optional();

export const ZReportNotice = z.strictObject({
  id: ZNoticeId,
  reason: z.enum(REPORT_REASONS),
  note: text(1000).default(""),
});
export type ReportNoticeInput = z.input<typeof ZReportNotice>;

/** The decisions of the review page's panel, each a moderation procedure of the same name. */
export const MODERATION_DECISIONS = ["approve", "requestChanges", "reject", "retract", "dismiss", "unpin", "pin", "redact", "merge"] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const ZModerationDecision = z.strictObject({ id: ZNoticeId, reason: ZReason });
export type ModerationDecisionInput = z.input<typeof ZModerationDecision>;

/**
 * What a coordinator may redact. A list entry (a person of an arrest, an owner or address of a
 * company) is named by its position; the whole title or narrative by itself.
 */
export const REDACTABLE_FIELDS = ["person", "owner", "address", "narrative", "placeText"] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

export const ZRedact = z.strictObject({
  id: ZNoticeId,
  field: z.enum(REDACTABLE_FIELDS),
  index: z.number().int().min(0).max(99).default(0),
  reason: ZReason,
});
export type RedactInput = z.input<typeof ZRedact>;

export const ZMerge = z
  .strictObject({ id: ZNoticeId, duplicateId: ZNoticeId, reason: ZReason })
  .refine((input) => input.id !== input.duplicateId, { error: "mergeIntoSelf", path: ["duplicateId"] });
export type MergeInput = z.input<typeof ZMerge>;

export const ZPin = z.strictObject({ id: ZNoticeId, days: z.number().int().min(1).max(PIN_DAYS_MAX), reason: ZReason });
export type PinInput = z.input<typeof ZPin>;

export const ZReviewId = z.strictObject({ id: ZNoticeId });

export const ZModerationLog = z.strictObject({
  noticeId: ZNoticeId.optional(),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(100).default(50),
});

export const ZPreModerationAgency = z.strictObject({ agencyId: ref(), preModerated: z.boolean() });
export const ZPreModerationUser = z.strictObject({ userId: z.uuid(), preModerated: z.boolean() });

/** The audit search: every filter optional and combinable, pages newest first. */
export const ZAuditSearch = z.strictObject({
  actor: text(320).optional(),
  action: text(64).optional(),
  targetType: text(32).optional(),
  targetId: text(128).optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  cursor: ZCursor,
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditSearchInput = z.input<typeof ZAuditSearch>;

export const ZAgencyReads = z.strictObject({ cursor: ZCursor, limit: z.number().int().min(1).max(200).default(50) });

// Closed vocabularies of moderation, shared by the database enums (db/schema/moderation.ts), the
// input schemas and the pages.

export const REPORT_REASONS = ["inaccurate", "duplicate", "personal_data", "wrong_marking", "inappropriate", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_STATUSES = ["open", "resolved"] as const;

export const MODERATION_ACTIONS = ["approve", "request_changes", "reject", "retract", "redact", "merge", "pin", "unpin", "dismiss"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The longest a coordinator pins a notice to the top of the feed for. */
export const PIN_DAYS_MAX = 90;

/** What readers see in place of a redacted value (and what entity extraction never takes for a name). */
export const REDACTED = "[redacted]";

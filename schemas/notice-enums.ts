// Closed vocabularies of notices, shared by the database enums (db/schema/notices.ts and
// notice-kinds.ts), the input schemas and the forms.

export const NOTICE_KINDS = ["seizure", "company_alert", "arrest"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** TLP 2.0, from the widest audience to the narrowest. */
export const TLP_LEVELS = ["clear", "green", "amber", "amber_strict", "red"] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

// pending_review, changes_requested, rejected and merged are set by moderation (coordinators).
export const NOTICE_STATUSES = ["draft", "pending_release", "published", "retracted", "pending_review", "changes_requested", "rejected", "merged"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Admiralty (NATO) grading: how reliable the source is, and how credible the information. */
export const SOURCE_RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export const INFO_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

/** How a receiving agency may use what it reads. */
export const HANDLING_CODES = ["intelligence_only", "no_further_dissemination", "evidential_use"] as const;

export const QUANTITY_UNITS = ["g", "kg", "t", "mL", "L", "barrel", "unit"] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export const CONVEYANCES = ["truck", "rail_wagon", "car", "air", "post", "on_foot", "other"] as const;

export const COMPANY_GROUNDS = ["false_registration", "no_pre_export_notification", "misdeclaration", "linked_to_seizure", "other"] as const;

export const PERSON_ROLES = ["driver", "courier", "organizer", "official", "other"] as const;
export const ARREST_STATUSES = ["detained", "charged", "convicted", "released"] as const;

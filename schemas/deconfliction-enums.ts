// Deconfliction (issue 19): where a request stands. Replies leave it open.
export const DECONFLICTION_STATUSES = ["open", "released", "declined"] as const;
export type DeconflictionStatus = (typeof DECONFLICTION_STATUSES)[number];

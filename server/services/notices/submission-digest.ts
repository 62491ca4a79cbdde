import { createHash } from "node:crypto";

/** JSON with every object's keys in order: the same input always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// Fields added after digests were first kept (issue 19: parties, phones, an arrest's companies)
// count only when filled, so that a submission made before them (a retry across the upgrade, the
// demo seed run again on an existing database) digests as it did then.
const LATER_FIELDS = ["consignor", "consignee", "phones", "companies"];
const unfilled = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

function withoutUnfilledLaterFields(notice: unknown): unknown {
  if (notice === null || typeof notice !== "object") return notice;
  return Object.fromEntries(Object.entries(notice).filter(([key, value]) => !(LATER_FIELDS.includes(key) && unfilled(value))));
}

/** What a create submission carried, as a digest kept with its notice: a retry (same key) must carry the same. */
export function submissionDigest(submission: { asDraft: boolean; notice: unknown }): string {
  const comparable = { ...submission, notice: withoutUnfilledLaterFields(submission.notice) };
  return createHash("sha256").update(canonical(comparable)).digest("base64url");
}

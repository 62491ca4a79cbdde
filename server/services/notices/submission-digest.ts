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

/** What a create submission carried, as a digest kept with its notice: a retry (same key) must carry the same. */
export function submissionDigest(submission: { asDraft: boolean; notice: unknown }): string {
  return createHash("sha256").update(canonical(submission)).digest("base64url");
}

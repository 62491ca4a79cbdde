import type { z } from "zod";

/** A validation failure as the UI shows it: a key of the `validation` messages and its values. */
export type FieldError = { key: string; values?: Record<string, string | number> };

// zod's own messages are sentences; a schema's own key is one word.
const MESSAGE_KEY = /^[a-zA-Z]+$/;

/**
 * Turns a zod issue into a translatable message. Schemas may name a key themselves
 * (`{ error: "passwordTooShort" }`, with `params` as its values); otherwise the issue's kind picks
 * a generic one.
 */
export function describeIssue(issue: z.core.$ZodIssue): FieldError {
  if (MESSAGE_KEY.test(issue.message)) {
    const values = issue.code === "custom" ? (issue.params as FieldError["values"]) : undefined;
    return values ? { key: issue.message, values } : { key: issue.message };
  }
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array") return { key: "chooseAtLeast", values: { min: Number(issue.minimum) } };
      return issue.origin === "string" && issue.minimum === 1
        ? { key: "required" }
        : { key: issue.origin === "string" ? "tooShort" : "tooSmall", values: { min: Number(issue.minimum) } };
    case "too_big":
      return { key: issue.origin === "string" ? "tooLong" : "tooBig", values: { max: Number(issue.maximum) } };
    case "invalid_format":
      return { key: issue.format === "email" ? "email" : "invalidFormat" };
    case "invalid_type":
      // zod leaves the input out of the issue unless asked; its message still says what arrived.
      return { key: /received (undefined|null)/.test(issue.message) ? "required" : issue.expected === "number" ? "invalidNumber" : "invalid" };
    case "invalid_union":
      return { key: "invalidChoice" };
    case "invalid_value":
      return { key: "invalidChoice" };
    case "unrecognized_keys":
      return { key: "unknownField" };
    default:
      return { key: "invalid" };
  }
}

/** Field path → first failure, for a form to show next to each field. */
export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of error.issues) out[issue.path.join(".") || "_"] ??= describeIssue(issue);
  return out;
}

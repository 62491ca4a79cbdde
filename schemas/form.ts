import type { SubmissionResult } from "@conform-to/react";
import type { FieldError } from "./issues";

// What every form shares on both sides, without zod (the browser loads the parse, ./parse-form,
// only once the reader starts on a form). Conform carries errors as strings; each of ours is a
// FieldError ({key, values}) encoded as JSON, decoded where it is shown, so a message is
// translated in the reader's language and never built on the server.

/** A FieldError as one of Conform's error strings. */
export const encodeError = (error: FieldError): string => JSON.stringify(error.values ? { key: error.key, values: error.values } : { key: error.key });

/** The FieldErrors in Conform's error strings; a string that is not ours reads as "invalid". */
export function decodeErrors(errors: readonly string[] | undefined): FieldError[] {
  return (errors ?? []).map((text) => {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && typeof (value as FieldError).key === "string") return value as FieldError;
    } catch {
      // Falls through: a plain string from elsewhere.
    }
    return { key: "invalid" };
  });
}

/**
 * A field path as Conform names its inputs: `notice.items.0.quantity` (how services and
 * `fieldErrors` join a path) becomes `notice.items[0].quantity`; `_` (the form itself) becomes "".
 */
export function conformName(path: string): string {
  if (path === "_") return "";
  return path
    .split(".")
    .map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join("");
}

/** What a form's server action answers when it does not redirect: Conform's reply, values kept. */
export type FormResult = SubmissionResult<string[]>;

/** A form's server action, as `useActionState` calls it (with and without JavaScript). */
export type FormAction = (previous: FormResult | undefined, form: FormData) => Promise<FormResult>;

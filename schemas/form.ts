import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { describeIssue, type FieldError } from "./issues";

// One parse for every form, run by the browser (as Conform validates) and by the server action
// (as it is posted): the same schema and the same messages on both sides. Conform carries errors
// as strings; each of ours is a FieldError ({key, values}) encoded as JSON, decoded where it is
// shown, so a message is translated in the reader's language and never built on the server.

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

// React renders hidden `$ACTION_…` inputs into a form whose action is a server function (so that it
// posts without JavaScript); Next takes them out before the action runs, the browser's copy has them.
const ACTION_FIELD = /^\$ACTION/;

function withoutActionFields<Form extends FormData | URLSearchParams>(form: Form): Form {
  if (![...form.keys()].some((name) => ACTION_FIELD.test(name))) return form;
  const copy = (form instanceof FormData ? new FormData() : new URLSearchParams()) as Form;
  for (const [name, value] of form.entries()) if (!ACTION_FIELD.test(name)) copy.append(name, value as string);
  return copy;
}

/**
 * Validates a posted form with its zod schema, Conform's coercion applied (empty → absent, "on" →
 * true, numbers from text). Only the first problem of each field is shown, as a person fixes one
 * thing at a time.
 */
export function parseForm<Schema extends z.ZodType>(form: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(withoutActionFields(form), { schema, formatError: (issues: z.core.$ZodIssue[]) => [encodeError(describeIssue(issues[0]!))] });
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

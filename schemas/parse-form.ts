import { parseWithZod } from "@conform-to/zod/v4";
import { configureCoercion } from "@conform-to/zod/v4/future";
import type { z } from "zod";
import { encodeError } from "./form";
import { describeIssue } from "./issues";

// One parse for every form, run by the browser (as Conform validates) and by the server action
// (as it is posted): the same schema and the same messages on both sides.

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
 * A number as people type it. "1,5" is 1.5: the decimal comma of Russian, and what a phone's
 * decimal key gives in most of the region's keyboards. Digits may be grouped by spaces ("12 500").
 * A single comma before exactly three digits ("1,500") is 1.5 to a Russian reader and 1500 to an
 * English one: not a number, rather than a guess that is off by a thousand.
 */
export function numberFromText(text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return Number.NaN;
  if (/^[+-]?\d+,\d+$/.test(compact)) return /,\d{3}$/.test(compact) ? Number.NaN : Number(compact.replace(",", "."));
  return Number(compact);
}

// Conform's coercion (empty → absent, "on" → true, a date from text) with numbers read as above.
const { coerceFormValue } = configureCoercion({ type: { number: numberFromText } });

/**
 * Validates a posted form with its zod schema, its text coerced to the schema's types. Only the
 * first problem of each field is shown, as a person fixes one thing at a time.
 */
export function parseForm<Schema extends z.ZodType>(form: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(withoutActionFields(form), {
    schema: coerceFormValue(schema),
    disableAutoCoercion: true,
    formatError: (issues: z.core.$ZodIssue[]) => [encodeError(describeIssue(issues[0]!))],
  });
}

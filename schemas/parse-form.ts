import { parseWithZod } from "@conform-to/zod/v4";
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
 * Validates a posted form with its zod schema, Conform's coercion applied (empty → absent, "on" →
 * true, numbers from text). Only the first problem of each field is shown, as a person fixes one
 * thing at a time.
 */
export function parseForm<Schema extends z.ZodType>(form: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(withoutActionFields(form), { schema, formatError: (issues: z.core.$ZodIssue[]) => [encodeError(describeIssue(issues[0]!))] });
}

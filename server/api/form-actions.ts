import { TRPCError } from "@trpc/server";
import { refresh } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { ZodError, type z } from "zod";
import { conformName, encodeError, type FormResult } from "~/schemas/form";
import type { FieldError } from "~/schemas/issues";
import { parseForm } from "~/schemas/parse-form";
import { fieldErrorsOf, toTRPCError } from "~/server/api/errors";
import { logError } from "~/server/logging";
import { ServiceError } from "~/server/services/errors";

/** What a refused server action hands back to its form: messages next to fields, or one for the form. */
export type ActionErrors = { fields: Record<string, FieldError>; message: string | null };

/**
 * The form's view of a failed call, as the tRPC error formatter gives it to a JavaScript client
 * (server/api/trpc.ts): keys of the `validation` and `errors` messages, never a stack or SQL.
 * Next.js's own control flow (redirect, notFound) is thrown on.
 */
export function actionErrors(error: unknown, scope: string): ActionErrors {
  unstable_rethrow(error);
  const mapped = toTRPCError(error instanceof TRPCError && error.cause instanceof ServiceError ? error.cause : error);
  if (mapped.code === "INTERNAL_SERVER_ERROR") {
    logError("action", mapped.cause ?? error, { scope });
    return { fields: {}, message: "internal" };
  }
  if (mapped.code === "SERVICE_UNAVAILABLE") return { fields: {}, message: "unavailable" };
  const fields = fieldErrorsOf(mapped.cause);
  if (fields && Object.keys(fields).length > 0) return { fields, message: null };
  if (mapped.code === "NOT_FOUND") return { fields: {}, message: "notFound" };
  return { fields: {}, message: mapped.cause instanceof ZodError ? "invalid" : mapped.message };
}

/**
 * After a change, back to `path` with the page's data read again. Next's router shows its copy from
 * before the change when the redirect only adds an anchor (#row) to the page the form is on.
 */
export function backTo(path: string): never {
  refresh();
  redirect(path);
}

/** A text field of a posted form; "" when absent or a file. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

type SubmitOptions<Schema extends z.ZodType, Result> = {
  /** Names the call in the error log, as `notices.create`. */
  scope: string;
  call: (value: z.output<Schema>) => Promise<Result>;
  /** Fields whose value must not be sent back (passwords, codes). */
  hideFields?: string[];
};

/** Parses, then calls: the answer to send back (a refusal, values kept), or what the call returned. */
async function parseAndCall<Schema extends z.ZodType, Result>(
  form: FormData,
  schema: Schema,
  options: SubmitOptions<Schema, Result>,
): Promise<{ refused: FormResult } | { refused: null; submission: ReturnType<typeof parseForm<Schema>>; value: z.output<Schema>; result: Result }> {
  const submission = parseForm(form, schema);
  if (submission.status !== "success") return { refused: submission.reply({ hideFields: options.hideFields }) };
  try {
    return { refused: null, submission, value: submission.value, result: await options.call(submission.value) };
  } catch (error) {
    const { fields, message } = actionErrors(error, options.scope);
    const fieldErrors = Object.fromEntries(Object.entries(fields).map(([path, fieldError]) => [conformName(path), [encodeError(fieldError)]]));
    return { refused: submission.reply({ fieldErrors, formErrors: message ? [encodeError({ key: message })] : undefined, hideFields: options.hideFields }) };
  }
}

/**
 * The server half of every Conform form: parses the post with the form's schema (parseForm, the
 * same as the browser's), answers a refusal or a list change (add/remove row) with every posted
 * value kept; otherwise calls the procedure and redirects to where it says. A refusal by the
 * procedure or its service comes back next to its field, or as one message for the form.
 */
export async function submitForm<Schema extends z.ZodType, Result>(
  form: FormData,
  schema: Schema,
  options: SubmitOptions<Schema, Result> & {
    /** Where the browser goes after success: a reload there does not post again. */
    redirectTo: (result: Result, value: z.output<Schema>) => string;
  },
): Promise<FormResult> {
  const outcome = await parseAndCall(form, schema, options);
  if (outcome.refused) return outcome.refused;
  redirect(options.redirectTo(outcome.result, outcome.value));
}

/** A form's answer that carries what its success shows once. */
export type ShownResult<Shown> = FormResult & { shown?: Shown };

/**
 * submitForm for the few forms whose success shows a secret once (an invitation link, recovery
 * codes): it must never travel in an address, so the answer carries it instead of a redirect, and
 * the form is emptied.
 */
export async function submitFormShowing<Schema extends z.ZodType, Result, Shown>(
  form: FormData,
  schema: Schema,
  options: SubmitOptions<Schema, Result> & { show: (result: Result, value: z.output<Schema>) => Shown },
): Promise<ShownResult<Shown>> {
  const outcome = await parseAndCall(form, schema, options);
  if (outcome.refused) return outcome.refused;
  return { ...outcome.submission.reply({ resetForm: true }), shown: options.show(outcome.result, outcome.value) };
}

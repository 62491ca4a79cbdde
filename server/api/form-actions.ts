import { TRPCError } from "@trpc/server";
import { redirect, unstable_rethrow } from "next/navigation";
import { ZodError, type z } from "zod";
import { conformName, encodeError, parseForm, type FormResult } from "~/schemas/form";
import type { FieldError } from "~/schemas/issues";
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

/** A text field of a posted form; "" when absent or a file. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
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
  options: {
    /** Names the call in the error log, as `notices.create`. */
    scope: string;
    call: (value: z.output<Schema>) => Promise<Result>;
    /** Where the browser goes after success: a reload there does not post again. */
    redirectTo: (result: Result, value: z.output<Schema>) => string;
    /** Fields whose value must not be sent back (passwords, codes). */
    hideFields?: string[];
  },
): Promise<FormResult> {
  const submission = parseForm(form, schema);
  if (submission.status !== "success") return submission.reply({ hideFields: options.hideFields });
  let result: Result;
  try {
    result = await options.call(submission.value);
  } catch (error) {
    const { fields, message } = actionErrors(error, options.scope);
    const fieldErrors = Object.fromEntries(Object.entries(fields).map(([path, fieldError]) => [conformName(path), [encodeError(fieldError)]]));
    return submission.reply({ fieldErrors, formErrors: message ? [encodeError({ key: message })] : undefined, hideFields: options.hideFields });
  }
  redirect(options.redirectTo(result, submission.value));
}

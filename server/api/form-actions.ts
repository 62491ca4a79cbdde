import { TRPCError } from "@trpc/server";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
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

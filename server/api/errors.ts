import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { fieldErrors, type FieldError } from "~/schemas/issues";
import { ServiceError, type ServiceErrorKind } from "~/server/services/errors";

const CODES: Record<ServiceErrorKind, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
};

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ServiceError) return new TRPCError({ code: CODES[error.kind], message: error.key, cause: error });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "internal", cause: error });
}

/** The per-field errors a form shows for a refused call: from the input schema or a service. */
export function fieldErrorsOf(cause: unknown): Record<string, FieldError> | null {
  if (cause instanceof ZodError) return fieldErrors(cause);
  if (cause instanceof ServiceError && cause.field) return { [cause.field]: { key: cause.key } };
  return null;
}

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

// The database out of reach (stopped, restarting, connection cut): socket errors, postgres.js's
// own connection errors, and the SQLSTATEs of a lost connection (class 08) or a server shutting
// down or starting up (57P01-57P03).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * The code saying the database could not be reached, found in the error or any error it was
 * caused by (drizzle and tRPC wrap them); null for any other error.
 */
export function databaseUnavailableCode(error: unknown): string | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
  }
  return null;
}

export function toTRPCError(error: unknown): TRPCError {
  // A temporary condition the client may retry (503), not a fault of ours to report (500).
  if (databaseUnavailableCode(error) !== null) return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "unavailable", cause: error });
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

import { TRPCError } from "@trpc/server";
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

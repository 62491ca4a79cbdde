import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { env } from "~/env.js";
import type { ProblemCode } from "~/schemas/api";
import { fieldErrors, type FieldError } from "~/schemas/issues";
import { fieldErrorsOf, toTRPCError } from "~/server/api/errors";
import { logError } from "~/server/logging";
import { ServiceError } from "~/server/services/errors";

// RFC 9457 problem details for every refusal of /api/v1. A client branches on `code`, which no
// language changes; `title` is English for whoever reads a log; `errors` names the fields with the
// same message keys the forms translate. Nothing else: no stack, no SQL, no hint that a notice
// exists (a hidden notice is `not_found`, exactly like a missing one).

const STATUS: Record<ProblemCode, { status: number; title: string }> = {
  unauthorized: { status: 401, title: "Missing, unknown, expired or revoked API key" },
  forbidden: { status: 403, title: "The key may not call this operation" },
  not_found: { status: 404, title: "Not found" },
  invalid_input: { status: 400, title: "The request is not valid" },
  conflict: { status: 409, title: "The request conflicts with the current state" },
  rate_limited: { status: 429, title: "Too many requests for this key" },
  unavailable: { status: 503, title: "Temporarily unavailable" },
  internal: { status: 500, title: "Internal error" },
};

/** Every answer of the API, problems included: nothing of it may be kept by a cache on the way. */
export const API_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

export type ProblemInit = { key?: string; errors?: Record<string, FieldError> | null; requestId?: string; headers?: Record<string, string> };

export function problem(code: ProblemCode, init: ProblemInit = {}): Response {
  const { status, title } = STATUS[code];
  const body = {
    type: new URL(`/api-reference#problem-${code}`, env.APP_URL).href,
    title,
    status,
    code,
    ...(init.key ? { key: init.key } : {}),
    ...(init.errors && Object.keys(init.errors).length > 0 ? { errors: init.errors } : {}),
    ...(init.requestId ? { requestId: init.requestId } : {}),
  };
  return Response.json(body, { status, headers: { ...API_HEADERS, "Content-Type": "application/problem+json", ...init.headers } });
}

const FROM_TRPC: Partial<Record<TRPCError["code"], ProblemCode>> = {
  BAD_REQUEST: "invalid_input",
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  SERVICE_UNAVAILABLE: "unavailable",
};

/** The problem for whatever an operation threw: a refused input, a service's refusal, or a failure (logged by codes). */
export function problemFor(error: unknown, requestId: string): Response {
  if (error instanceof ZodError) return problem("invalid_input", { errors: fieldErrors(error), requestId });
  const mapped = toTRPCError(error);
  const code = FROM_TRPC[mapped.code];
  if (!code) {
    // The tRPC caller logged its own failures already and hands back "internal"; anything else is new here.
    if (!(error instanceof TRPCError)) logError("api", error, { request: requestId });
    return problem("internal", { requestId });
  }
  const cause = mapped.cause;
  return problem(code, { key: cause instanceof ServiceError ? cause.key : undefined, errors: fieldErrorsOf(cause), requestId });
}

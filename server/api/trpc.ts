import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { clientIp } from "~/server/auth/client-ip";
import { can, type Permission } from "~/server/auth/permissions";
import type { PendingMfa, Viewer } from "~/server/auth/sessions";
import { sessionFromHeaders } from "~/server/auth/viewer";
import { databaseUnavailableCode, fieldErrorsOf, toTRPCError } from "~/server/api/errors";
import { transformer } from "~/server/api/transformer";
import { LoggedError, logError } from "~/server/logging";
import { ServiceError } from "~/server/services/errors";

// `mfaPending`: a session past its password but not its second factor. It is never a viewer, so
// every procedure but the MFA step refuses it as it refuses no session at all.
// `resHeaders`: the HTTP response's headers, where the MFA step sets the rotated session cookie
// (absent for in-process calls from server components).
export type Context = { viewer: Viewer | null; mfaPending?: PendingMfa | null; ip: string | null; requestId: string; resHeaders?: Headers };

// Once the database was found out of reach, calls are refused at once (503) for this long, then
// the next ones try again. Without it each call queued for a connection that the driver retried
// on its own schedule: under load, a 503 took seconds to come.
const UNAVAILABLE_BACKOFF_MS = 250;
let unavailableUntil = 0;

/** Every call starts from the database's view of the session, never from what the client claims. */
export async function createTRPCContext({ headers, resHeaders }: { headers: Headers; resHeaders?: Headers }): Promise<Context> {
  if (Date.now() < unavailableUntil) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "unavailable" });
  // The session lookup is the first query of every call: with the database down it answers 503 too.
  const requestId = randomUUID();
  const session = await sessionFromHeaders(headers).catch((error: unknown) => {
    const mapped = loggedTRPCError(error, "session", requestId);
    if (mapped.code === "SERVICE_UNAVAILABLE") unavailableUntil = Date.now() + UNAVAILABLE_BACKOFF_MS;
    throw mapped;
  });
  return {
    resHeaders,
    viewer: session?.kind === "active" ? session.viewer : null,
    mfaPending: session?.kind === "mfa" ? session.pending : null,
    ip: clientIp(headers),
    requestId,
  };
}

/**
 * The tRPC error for a failure, with what the client is not told logged: the codes of an
 * unexpected error (never its message, query or parameters), one line for an outage. The original
 * is not kept as the cause: Next.js logs what a server component throws, causes included.
 */
function loggedTRPCError(error: unknown, path: string, requestId: string): TRPCError {
  const mapped = toTRPCError(error instanceof TRPCError && error.cause instanceof ServiceError ? error.cause : error);
  if (mapped.code === "INTERNAL_SERVER_ERROR") {
    return new TRPCError({ code: mapped.code, message: "internal", cause: logError("trpc", mapped.cause ?? error, { path, request: requestId }) });
  }
  if (mapped.code === "SERVICE_UNAVAILABLE") {
    // One line each: during an outage every call lands here, and the stack says nothing new.
    const code = databaseUnavailableCode(error);
    console.error(`[trpc] path=${path} request=${requestId} database unavailable, ${code}`);
    return new TRPCError({ code: mapped.code, message: "unavailable", cause: new LoggedError(`database unavailable, ${code}`) });
  }
  return mapped;
}

export type Meta = { permission?: Permission };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    // A stream that dies silently (a mobile network switching at a post) is noticed within 20 s
    // instead of when TCP gives up, and the client resumes from the last event it saw.
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const fields = fieldErrorsOf(cause);
      // Clients get a message key and a request id; the stack, SQL and parameters stay in the log.
      return {
        message: internal ? "internal" : cause instanceof ZodError ? "invalid" : error.message,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fields, requestId: ctx?.requestId },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Maps service errors to tRPC errors once, and logs what the client is not told. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = loggedTRPCError(result.error, path, ctx.requestId);
    if (mapped !== result.error) return { ...result, error: mapped } as typeof result;
  }
  return result;
});

/** Open to anyone: only the health check and the invitation flow use it. */
export const publicProcedure = t.procedure.use(errorMapping);

const authed = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/**
 * The only way to build a signed-in procedure: it names the permission it needs, which the
 * router-walking test checks, and handlers receive a non-null viewer.
 */
export function permissionProcedure(permission: Permission) {
  return authed.meta({ permission }).use(({ ctx, next }) => {
    if (!can(ctx.viewer.role, permission)) throw new TRPCError({ code: "FORBIDDEN" });
    return next();
  });
}

/**
 * The second-factor step: open to a session that passed its password, whether or not it has
 * passed its second factor yet. Handlers receive `subject`, the session's user.
 */
export const secondFactorProcedure = publicProcedure.meta({ permission: "mfa.manage" }).use(({ ctx, next }) => {
  const subject = ctx.viewer ?? ctx.mfaPending;
  if (!subject) throw new TRPCError({ code: "UNAUTHORIZED" });
  if (!can(subject.role, "mfa.manage")) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx: { ...ctx, subject } });
});

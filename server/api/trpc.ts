import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { env } from "~/env.js";
import { clientIp } from "~/server/auth/client-ip";
import { can, type Permission } from "~/server/auth/permissions";
import type { Viewer } from "~/server/auth/sessions";
import { viewerFromHeaders } from "~/server/auth/viewer";
import { fieldErrorsOf, toTRPCError } from "~/server/api/errors";
import { ServiceError } from "~/server/services/errors";

export type Context = { viewer: Viewer | null; ip: string | null; requestId: string };

/** Every call starts from the database's view of the session, never from what the client claims. */
export async function createTRPCContext({ headers }: { headers: Headers }): Promise<Context> {
  return {
    viewer: await viewerFromHeaders(headers),
    ip: clientIp(headers, env.TRUSTED_PROXY_HOPS),
    requestId: randomUUID(),
  };
}

export type Meta = { permission?: Permission };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
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
    const mapped = toTRPCError(result.error.cause instanceof ServiceError ? result.error.cause : result.error);
    if (mapped.code === "INTERNAL_SERVER_ERROR") {
      console.error(`[trpc] ${path} failed (request ${ctx.requestId})`, result.error.cause ?? result.error);
    }
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

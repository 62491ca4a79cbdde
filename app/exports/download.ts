import "server-only";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";

type Caller = ReturnType<typeof createCaller>;

// Every export answer: personal, current, and possibly above GREEN — no browser or proxy keeps it.
const NO_STORE = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

/**
 * Serves a download to the session's viewer, exactly as a page would: the tRPC caller with the
 * request's session (app/_trpc/server.ts does the same for pages), so the procedure's permission
 * and the visibility rule decide. Signed out (or half-way through the second factor): to sign-in.
 * A refused selection answers 400, a notice that is not the viewer's to read 404, in their language.
 */
export async function download(request: Request, make: (caller: Caller) => Promise<{ body: BodyInit; type: string; filename: string }>): Promise<Response> {
  const context = await createTRPCContext({ headers: request.headers });
  if (!context.viewer) return new Response(null, { status: 303, headers: { ...NO_STORE, location: context.mfaPending ? "/mfa" : "/signin" } });
  try {
    const { body, type, filename } = await make(createCaller(context));
    return new Response(body, { headers: { ...NO_STORE, "content-type": type, "content-disposition": `attachment; filename="${filename}"` } });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const t = await getTranslations("exports.refused");
    const [status, message] =
      error.code === "BAD_REQUEST"
        ? [400, t("invalid")]
        : error.code === "NOT_FOUND"
          ? [404, t("notFound")]
          : error.code === "FORBIDDEN"
            ? [403, t("forbidden")]
            : [500, t("failed")];
    return new Response(message, { status, headers: { ...NO_STORE, "content-type": "text/plain; charset=utf-8" } });
  }
}

/** Today's date for a file name (UTC). */
export const today = () => new Date().toISOString().slice(0, 10);

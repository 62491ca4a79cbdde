import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";

/**
 * The request's headers with the cookies as Next sees them now: after a server action that set the
 * session cookie (passing the second factor replaces the session), the page rendered in its answer
 * belongs to the new session, not to the one the request came with.
 */
async function currentHeaders(): Promise<Headers> {
  const current = new Headers(await headers());
  const jar = (await cookies()).getAll();
  current.set("cookie", jar.map(({ name, value }) => `${name}=${encodeURIComponent(value)}`).join("; "));
  return current;
}

/** One context per request, shared by every server component that renders it. */
const context = cache(async () => createTRPCContext({ headers: await currentHeaders() }));

/** The tRPC router called in-process by server components, with the request's session. */
export const api = cache(async () => createCaller(await context()));

/**
 * The signed-in viewer, or a redirect: to the second-factor step for a session that has passed
 * only its password, to the sign-in page otherwise. Every signed-in page calls this.
 */
export const requireViewer = cache(async () => {
  const { viewer, mfaPending } = await context();
  if (!viewer) redirect(mfaPending ? "/mfa" : "/signin");
  return viewer;
});

export const optionalViewer = cache(async () => (await context()).viewer);

/** The session waiting for its second factor, if that is what the request carries. */
export const pendingSecondFactor = cache(async () => (await context()).mfaPending ?? null);

/** Renders a page's data call, turning "not yours / not there" into a 404 page. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/signin");
    throw error;
  }
}

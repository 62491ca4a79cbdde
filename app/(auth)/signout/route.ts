import { SECURE_COOKIES, SESSION_COOKIE } from "~/server/auth/cookie-names";
import { signOutSession } from "~/server/services/sign-out";
import { sessionIdFromCookies } from "~/server/auth/viewer";
import { isOwnOrigin, NO_STORE } from "~/server/api/request-guard";

/**
 * A browser sends Origin (and Sec-Fetch-Site) with every form POST: one from another site, or one
 * that shows no origin at all, may not end a session (proxy.ts refuses the first kind already).
 */
function fromThisSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site === "cross-site" || site === "same-site") return false;
  return origin === null ? site === "same-origin" : isOwnOrigin(origin);
}

/**
 * The sign-out form's POST, with or without JavaScript: the session row goes, as next-auth's
 * sign-out does it, and the cookie with it. Clear-Site-Data asks the browser to drop what this
 * site kept on the device (cached pages, the offline outbox, drafts), so that nothing of this user
 * is shown to the next one at a shared computer; with JavaScript the page has done so already,
 * after warning about unsent notices. Only POST: a link or a prefetch must never sign anyone out.
 */
export async function POST(request: Request): Promise<Response> {
  if (!fromThisSite(request)) {
    return new Response("Forbidden: cross-origin request", { status: 403, headers: { ...NO_STORE, "content-type": "text/plain; charset=utf-8" } });
  }
  const sessionId = await sessionIdFromCookies(request.headers.get("cookie"));
  if (sessionId) await signOutSession(sessionId);
  const headers = new Headers({ ...NO_STORE, location: "/signin", "clear-site-data": '"cache", "storage"' });
  headers.append("set-cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${SECURE_COOKIES ? "; Secure" : ""}`);
  return new Response(null, { status: 303, headers });
}

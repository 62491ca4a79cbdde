import { encode } from "next-auth/jwt";
import { env } from "~/env.js";
import { SECURE_COOKIES, SESSION_COOKIE } from "~/server/auth/cookie-names";
import { ABSOLUTE_TIMEOUT_HOURS } from "~/server/auth/sessions";

export type SessionCookie = {
  name: string;
  value: string;
  options: { path: "/"; httpOnly: true; sameSite: "lax"; maxAge: number; secure: boolean };
};

/**
 * The session cookie for a session row, exactly as next-auth writes it at sign-in (the same name,
 * attributes and encryption), or null without a secret: fail closed (env.js requires one in
 * production).
 */
export async function sessionCookie(sessionId: string): Promise<SessionCookie | null> {
  if (!env.AUTH_SECRET) return null;
  const maxAge = ABSOLUTE_TIMEOUT_HOURS * 3600;
  const value = await encode({ token: { sid: sessionId }, secret: env.AUTH_SECRET, maxAge });
  return { name: SESSION_COOKIE, value, options: { path: "/", httpOnly: true, sameSite: "lax", maxAge, secure: SECURE_COOKIES } };
}

/** Points the browser's session cookie at another session row, for when the server rotates the session. */
export async function setSessionCookie(resHeaders: Headers | undefined, sessionId: string): Promise<void> {
  if (!resHeaders) return;
  const cookie = await sessionCookie(sessionId);
  if (!cookie) return;
  const { name, value, options } = cookie;
  const attributes = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${options.maxAge}`, ...(options.secure ? ["Secure"] : [])];
  resHeaders.append("set-cookie", attributes.join("; "));
}

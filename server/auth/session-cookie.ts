import { encode } from "next-auth/jwt";
import { env } from "~/env.js";
import { SECURE_COOKIES, SESSION_COOKIE } from "~/server/auth/cookie-names";
import { ABSOLUTE_TIMEOUT_HOURS } from "~/server/auth/sessions";

/**
 * Points the browser's session cookie at another session row, exactly as next-auth writes it at
 * sign-in (the same name, attributes and encryption), for when the server rotates the session.
 */
export async function setSessionCookie(resHeaders: Headers | undefined, sessionId: string): Promise<void> {
  // Fail closed: without a secret no cookie is minted (env.js requires one in production).
  if (!resHeaders || !env.AUTH_SECRET) return;
  const maxAge = ABSOLUTE_TIMEOUT_HOURS * 3600;
  const token = await encode({ token: { sid: sessionId }, secret: env.AUTH_SECRET, maxAge });
  const attributes = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(SECURE_COOKIES ? ["Secure"] : [])];
  resHeaders.append("set-cookie", attributes.join("; "));
}

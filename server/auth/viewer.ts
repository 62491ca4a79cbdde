import { decode } from "next-auth/jwt";
import { env } from "~/env.js";
import { clientIp } from "~/server/auth/client-ip";
import { SESSION_COOKIE } from "~/server/auth/config";
import { loadViewer, type Viewer } from "~/server/auth/sessions";

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The viewer behind a request's session cookie, or null: no cookie, a forged one, or a dead session. */
export async function viewerFromHeaders(headers: Headers): Promise<Viewer | null> {
  const token = cookieValue(headers.get("cookie"), SESSION_COOKIE);
  // Fail closed: without a secret no cookie can be trusted.
  if (!token || !env.AUTH_SECRET) return null;
  const payload = await decode({ token, secret: env.AUTH_SECRET }).catch(() => null);
  return typeof payload?.sid === "string" ? loadViewer(payload.sid, clientIp(headers, env.TRUSTED_PROXY_HOPS)) : null;
}

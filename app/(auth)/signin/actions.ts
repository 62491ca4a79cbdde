"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "~/env.js";
import { clientIp } from "~/server/auth/client-ip";
import { signInWithPassword } from "~/server/services/sign-in";
import { safeReturnPath } from "~/server/auth/return-path";
import { sessionCookie } from "~/server/auth/session-cookie";
import { loadSession } from "~/server/auth/sessions";
import { logError } from "~/server/logging";

/** What the sign-in form shows after a refused attempt: one message, and the email as typed. */
export type SignInState = { error: "signinFailed" | "internal" | null; email: string };

/**
 * Signs in from the form's POST body, with or without JavaScript: the same check next-auth's
 * credentials callback runs (throttle, audit, a new session id), and the same cookie it sets.
 * The password only ever travels in the body of a same-origin POST (proxy.ts refuses others).
 */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 320);
  const callbackUrl = safeReturnPath(form.get("callbackUrl"), env.APP_URL);
  const requestHeaders = await headers();
  const ip = clientIp(requestHeaders);
  let next: string;
  try {
    const result = await signInWithPassword({
      credentials: { email, password: form.get("password") },
      ip,
      userAgent: requestHeaders.get("user-agent"),
    });
    // One message for an unknown email and a wrong password alike.
    if (!result) return { error: "signinFailed", email };
    const cookie = await sessionCookie(result.sessionId);
    if (!cookie) throw new Error("no AUTH_SECRET: no session cookie can be minted");
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
    const session = await loadSession(result.sessionId, ip);
    next = session?.kind === "mfa" ? secondFactorPath(callbackUrl) : callbackUrl;
  } catch (error) {
    logError("auth", error, { step: "signin" });
    return { error: "internal", email };
  }
  // Outside the try: redirect() throws to do its work.
  redirect(next);
}

/** The second-factor step, carrying where to go once it is passed. */
function secondFactorPath(callbackUrl: string): string {
  return callbackUrl === "/" ? "/mfa" : `/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

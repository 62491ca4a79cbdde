"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "~/env.js";
import { ZMfaCode, ZRecoveryCode } from "~/schemas/security";
import { actionErrors, type ActionErrors } from "~/server/api/form-actions";
// Not a React hook, whatever its name says.
import { useRecoveryCode as spendRecoveryCode, verifyCode } from "~/server/auth/mfa";
import { safeReturnPath } from "~/server/auth/return-path";
import { sessionCookie } from "~/server/auth/session-cookie";
import { sessionFromHeaders } from "~/server/auth/viewer";

/**
 * The second factor from the form's POST body, with or without JavaScript: the same schemas and
 * services as the `mfa.verify` and `mfa.recover` procedures, and the rotated session in the cookie.
 */
export async function passSecondFactor(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  const callbackUrl = safeReturnPath(form.get("callbackUrl"), env.APP_URL);
  const session = await sessionFromHeaders(await headers());
  if (session?.kind === "active") redirect(callbackUrl);
  if (!session) redirect("/signin");
  try {
    const code = form.get("code");
    const { sessionId } =
      form.get("mode") === "recovery"
        ? await spendRecoveryCode(session.pending, ZRecoveryCode.parse({ code }).code)
        : await verifyCode(session.pending, ZMfaCode.parse({ code }).code);
    const cookie = await sessionCookie(sessionId);
    if (!cookie) throw new Error("no AUTH_SECRET: no session cookie can be minted");
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
  } catch (error) {
    return actionErrors(error, "mfa.verify");
  }
  redirect(callbackUrl);
}

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "~/env.js";
import { ZMfaCode, ZMfaEnrolmentStart, ZRecoveryCode } from "~/schemas/security";
import { actionErrors, submitFormShowing, type ActionErrors, type ShownResult } from "~/server/api/form-actions";
import {
  beginEnrolment,
  confirmEnrolment,
  pendingEnrolment,
  // Not a React hook, whatever its name says.
  useRecoveryCode as spendRecoveryCode,
  verifyCode,
  type MfaSubject,
} from "~/server/services/mfa";
import { can } from "~/server/auth/permissions";
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
    await rotateSessionCookie(sessionId);
  } catch (error) {
    return actionErrors(error, "mfa.verify");
  }
  redirect(callbackUrl);
}

async function rotateSessionCookie(sessionId: string): Promise<void> {
  const cookie = await sessionCookie(sessionId);
  if (!cookie) throw new Error("no AUTH_SECRET: no session cookie can be minted");
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}

/** Who may enrol: as the mfa procedures' secondFactorProcedure, a signed-in or half-signed-in session. */
async function enrolmentSubject(): Promise<{ subject: MfaSubject; signedIn: boolean }> {
  const session = await sessionFromHeaders(await headers());
  const subject = session?.kind === "active" ? session.viewer : session?.pending;
  if (!subject) redirect("/signin");
  if (!can(subject.role, "mfa.manage")) redirect("/");
  return { subject, signedIn: session?.kind === "active" };
}

export type EnrolmentShown = { secret: string; qr: string };

/** A new secret for the authenticator app (as `mfa.beginEnrolment`), shown in the answer, never in an address. */
export async function startEnrolment(_previous: ShownResult<EnrolmentShown> | undefined, form: FormData): Promise<ShownResult<EnrolmentShown>> {
  const { subject } = await enrolmentSubject();
  return submitFormShowing(form, ZMfaEnrolmentStart, {
    scope: "mfa.beginEnrolment",
    call: () => beginEnrolment(subject),
    show: ({ secret, qr }) => ({ secret, qr }),
  });
}

export type ConfirmEnrolmentResult = ShownResult<string[]> & { enrolment?: EnrolmentShown };

/**
 * The first code (as `mfa.confirmEnrolment`): the session is replaced by a verified one, its cookie
 * set here, and the recovery codes come back in the answer, the only place they are ever shown. A
 * refused code comes back with the enrolment to show again. A signed-in session with nothing to
 * confirm (the answer posted again by a reload) goes on to the feed.
 */
export async function confirmEnrolmentCode(_previous: ConfirmEnrolmentResult | undefined, form: FormData): Promise<ConfirmEnrolmentResult> {
  const { subject, signedIn } = await enrolmentSubject();
  if (signedIn && !(await pendingEnrolment(subject))) redirect("/");
  const result: ConfirmEnrolmentResult = await submitFormShowing(form, ZMfaCode, {
    scope: "mfa.confirmEnrolment",
    hideFields: ["code"],
    call: async ({ code }) => {
      const { sessionId, recoveryCodes } = await confirmEnrolment(subject, code);
      await rotateSessionCookie(sessionId);
      return recoveryCodes;
    },
    show: (recoveryCodes) => recoveryCodes,
  });
  if (result.shown) return result;
  const enrolment = await pendingEnrolment(subject);
  return enrolment ? { ...result, enrolment: { secret: enrolment.secret, qr: enrolment.qr } } : result;
}

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { api } from "~/app/_trpc/server";
import { encodeError } from "~/schemas/form";
import { ZMfaCode } from "~/schemas/security";
import { actionErrors, formText, submitFormShowing, type ShownResult } from "~/server/api/form-actions";
import { confirmEnrolment, enrolmentInProgress } from "~/server/auth/mfa";
import { sessionCookie } from "~/server/auth/session-cookie";
import { sessionFromHeaders } from "~/server/auth/viewer";

type Secret = { secret: string; qr: string };

/** The recovery codes once enrolled; the secret while the first code is awaited. */
export type EnrolmentState = ShownResult<string[]> & { enrolment?: Secret };

const secretOf = ({ secret, qr }: Secret): Secret => ({ secret, qr });

/**
 * Enrolling an authenticator app from the form's POSTs, with or without JavaScript: `step=begin`
 * draws a secret (the mfa.beginEnrolment procedure); otherwise the first code confirms it, with
 * the same schema and service as mfa.confirmEnrolment, and the rotated session goes into the
 * cookie. The secret and the recovery codes travel only in the answer, never in an address.
 */
export async function enrol(_previous: EnrolmentState | undefined, form: FormData): Promise<EnrolmentState> {
  const session = await sessionFromHeaders(await headers());
  if (!session) redirect("/signin");
  const subject = session.kind === "active" ? session.viewer : session.pending;
  if (formText(form, "step") === "begin") {
    try {
      return { enrolment: secretOf(await (await api()).mfa.beginEnrolment()) };
    } catch (error) {
      return { status: "error", error: { "": [encodeError({ key: actionErrors(error, "mfa.beginEnrolment").message ?? "internal" })] } };
    }
  }
  // Only a session that may manage its second factor can have begun an enrolment to confirm.
  const result = await submitFormShowing(form, ZMfaCode, {
    scope: "mfa.confirmEnrolment",
    hideFields: ["code"],
    call: async ({ code }) => {
      const { sessionId, recoveryCodes } = await confirmEnrolment(subject, code);
      const cookie = await sessionCookie(sessionId);
      if (!cookie) throw new Error("no AUTH_SECRET: no session cookie can be minted");
      (await cookies()).set(cookie.name, cookie.value, cookie.options);
      return recoveryCodes;
    },
    show: (recoveryCodes) => recoveryCodes,
  });
  if (result.shown) return result;
  const pending = await enrolmentInProgress(subject);
  return pending ? { ...result, enrolment: secretOf(pending) } : result;
}

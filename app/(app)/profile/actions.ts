"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { api } from "~/app/_trpc/server";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "~/i18n/locales";
import { ZPasswordChange, ZPreferences } from "~/schemas/profile";
import { ZMfaCodeConfirmed } from "~/schemas/security";
import type { FormResult } from "~/schemas/form";
import { SECURE_COOKIES, SESSION_COOKIE } from "~/server/auth/cookie-names";
import { actionErrors, submitForm, submitFormShowing, type ActionErrors, type ShownResult } from "~/server/api/form-actions";

// The profile page's POSTs, with or without JavaScript, through the profile and mfa procedures.
// Success comes back to the page, which says what changed (`done`).

export async function savePreferences(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZPreferences, {
    scope: "profile.updatePreferences",
    call: async (input) => {
      await (await api()).profile.updatePreferences(input);
      // The signed-in pages take the language from the account; the cookie carries it to the
      // sign-in page after signing out.
      (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
    },
    redirectTo: () => "/profile?done=preferences",
  });
}

export async function changePassword(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZPasswordChange, {
    scope: "profile.changePassword",
    call: async (input) => (await api()).profile.changePassword(input),
    redirectTo: () => "/profile?done=password",
    hideFields: ["currentPassword", "newPassword", "confirmPassword"],
  });
}

/** Replacing the recovery codes (shown once, in the answer) or turning the second factor off, each confirmed by a fresh code. */
export async function confirmWithCode(_previous: ShownResult<string[]> | undefined, form: FormData): Promise<ShownResult<string[]>> {
  const options = { hideFields: ["code"] };
  if (form.get("intent") === "disable") {
    return submitForm(form, ZMfaCodeConfirmed, {
      ...options,
      scope: "mfa.disable",
      call: async ({ code }) => (await api()).mfa.disable({ code }),
      redirectTo: () => "/profile?done=mfaOff",
    });
  }
  return submitFormShowing(form, ZMfaCodeConfirmed, {
    ...options,
    scope: "mfa.regenerateRecoveryCodes",
    call: async ({ code }) => (await api()).mfa.regenerateRecoveryCodes({ code }),
    show: ({ recoveryCodes }) => recoveryCodes,
  });
}

/** Ends every session of the account; this browser's cookie goes with it. */
export async function signOutEverywhere(_previous: ActionErrors): Promise<ActionErrors> {
  try {
    await (await api()).profile.signOutEverywhere();
  } catch (error) {
    return actionErrors(error, "profile.signOutEverywhere");
  }
  // With the attributes it was set with: a __Host- cookie is only replaced by a Secure one.
  (await cookies()).set(SESSION_COOKIE, "", { path: "/", httpOnly: true, sameSite: "lax", secure: SECURE_COOKIES, maxAge: 0 });
  redirect("/signin");
}

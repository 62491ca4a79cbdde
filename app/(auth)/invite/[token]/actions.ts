"use server";

import { api } from "~/app/_trpc/server";
import type { FormResult } from "~/schemas/form";
import { ZInvitationAccept } from "~/schemas/users";
import { submitForm } from "~/server/api/form-actions";

/**
 * The invitee's new password, from the form's POST with or without JavaScript, through the public
 * invitations.accept procedure (the token is the credential). Then to the sign-in page, which says
 * the account is active; the used link is dead, so a reload cannot post it again.
 */
export async function acceptInvitation(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZInvitationAccept, {
    scope: "invitations.accept",
    call: async (input) => (await api()).invitations.accept(input),
    redirectTo: () => "/signin?activated=1",
    hideFields: ["password", "confirmPassword"],
  });
}

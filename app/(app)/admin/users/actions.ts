"use server";

import { api } from "~/app/_trpc/server";
import type { FormResult } from "~/schemas/form";
import { ZUserEdit, ZUserInvite } from "~/schemas/users";
import { actionErrors, backTo, formText, submitForm, submitFormShowing, type ActionErrors, type ShownResult } from "~/server/api/form-actions";
import type { Invitation } from "./_components/types";

// POSTs from the users page that work without JavaScript, each checked by the users procedure of
// the same name (user.manage, and the service's rules on whom the viewer may manage). An
// invitation link is shown once: it comes back in the answer, never in an address.

export type InviteResult = ShownResult<Invitation & { email: string }>;

export async function inviteUser(_previous: InviteResult | undefined, form: FormData): Promise<InviteResult> {
  return submitFormShowing(form, ZUserInvite, {
    scope: "users.invite",
    call: async (input) => (await api()).users.invite(input),
    show: ({ link, expiresAt }, { email }) => ({ link, expiresAt, email }),
  });
}

const rowOf = (userId: string, query = "") => `/admin/users${query}#user-${encodeURIComponent(userId)}`;

export async function updateUser(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZUserEdit, {
    scope: "users.update",
    call: async (input) => (await api()).users.update(input),
    redirectTo: (_result, { userId }) => rowOf(userId, `?saved=${encodeURIComponent(userId)}`),
  });
}

const ROW_ACTIONS = ["disable", "enable", "endSessions", "resetSecondFactor", "resendInvitation"] as const;

export type UserActionState = ActionErrors & { invitation: Invitation | null };

/** The buttons of a user's row; a new invitation link is shown once, in the answer. */
export async function manageUser(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  const userId = formText(form, "userId");
  const intent = ROW_ACTIONS.find((action) => action === formText(form, "intent"));
  if (!intent) return { fields: {}, message: "invalid", invitation: null };
  try {
    const users = (await api()).users;
    if (intent === "resendInvitation") return { fields: {}, message: null, invitation: await users.resendInvitation({ userId }) };
    await users[intent]({ userId });
  } catch (error) {
    return { ...actionErrors(error, `users.${intent}`), invitation: null };
  }
  backTo(rowOf(userId));
}

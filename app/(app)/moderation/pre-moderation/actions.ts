"use server";

import { api } from "~/app/_trpc/server";
import { actionErrors, backTo, formText, type ActionErrors } from "~/server/api/form-actions";

/**
 * Switches pre-moderation of one agency or one user, from the page's POST with or without
 * JavaScript; the procedures check the permission. The page's badges then show the new state.
 */
export async function setPreModeration(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  const preModerated = formText(form, "preModerated") === "on";
  const agencyId = formText(form, "agencyId");
  try {
    const moderation = (await api()).moderation;
    if (agencyId) await moderation.setAgencyPreModeration({ agencyId, preModerated });
    else await moderation.setUserPreModeration({ userId: formText(form, "userId"), preModerated });
  } catch (error) {
    return actionErrors(error, agencyId ? "moderation.setAgencyPreModeration" : "moderation.setUserPreModeration");
  }
  backTo("/moderation/pre-moderation");
}

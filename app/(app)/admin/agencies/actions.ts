"use server";

import { api } from "~/app/_trpc/server";
import type { FormResult } from "~/schemas/form";
import { ZAgencyCreate, ZAgencyUpdate } from "~/schemas/agencies";
import { actionErrors, backTo, formText, submitForm, type ActionErrors } from "~/server/api/form-actions";

// POSTs from the agencies page that work without JavaScript, each checked by the agencies
// procedure of the same name (agency.manage). Success goes back to the page and the row.

const rowOf = (id: string, query = "") => `/admin/agencies${query}#agency-${encodeURIComponent(id)}`;

export async function createAgency(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZAgencyCreate, {
    scope: "agencies.create",
    call: async (input) => (await api()).agencies.create(input),
    redirectTo: ({ id }) => rowOf(id, `?created=${encodeURIComponent(id)}`),
  });
}

export async function updateAgency(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZAgencyUpdate, {
    scope: "agencies.update",
    call: async (input) => (await api()).agencies.update(input),
    redirectTo: (_result, { id }) => rowOf(id),
  });
}

/** Switching an agency on, or off once confirmed. */
export async function setAgencyActive(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  const id = formText(form, "id");
  try {
    await (await api()).agencies.setActive({ id, active: formText(form, "active") === "true" });
  } catch (error) {
    return actionErrors(error, "agencies.setActive");
  }
  backTo(rowOf(id));
}

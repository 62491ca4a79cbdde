"use server";

import { api } from "~/app/_trpc/server";
import type { FormResult } from "~/schemas/form";
import { ZCrossingCurateForm, ZProvisionCurateForm, ZSubstanceCurateForm } from "~/schemas/reference";
import { submitForm } from "~/server/api/form-actions";

// Coordinators' curation of reference data, from POST forms that work without JavaScript, through
// the reference.*.curate procedures (reference.curate). Success goes back to the form's page, which
// says it was saved.

export async function curateCrossing(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZCrossingCurateForm, {
    scope: "reference.crossings.curate",
    call: async (input) => (await api()).reference.crossings.curate(input),
    redirectTo: (_result, { id }) => `/crossings/${encodeURIComponent(id)}?curated=1`,
  });
}

export async function curateSubstance(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZSubstanceCurateForm, {
    scope: "reference.substances.curate",
    call: async (input) => (await api()).reference.substances.curate(input),
    redirectTo: () => "/moderation/reference?saved=substance",
  });
}

export async function curateProvision(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZProvisionCurateForm, {
    scope: "reference.provisions.curate",
    call: async (input) => (await api()).reference.provisions.curate(input),
    redirectTo: () => "/moderation/reference?saved=provision",
  });
}

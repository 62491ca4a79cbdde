"use server";

import { api } from "~/app/_trpc/server";
import type { FormResult } from "~/schemas/form";
import { ZCreateSubscription, ZMailSettingsForm, ZSubscriptionId, ZUpdateSubscription } from "~/schemas/subscriptions";
import { submitForm } from "~/server/api/form-actions";

// The subscriptions page's forms, each a POST that works without JavaScript, checked by the
// procedure of the same name; success goes back to the page, which says what was done.

const done = (what: string, id?: string) => `/subscriptions?done=${what}${id ? `&id=${encodeURIComponent(id)}` : ""}`;

export async function createSubscription(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZCreateSubscription, {
    scope: "subscriptions.create",
    call: async (input) => (await api()).subscriptions.create(input),
    redirectTo: ({ id }) => done("created", id),
  });
}

export async function updateSubscription(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZUpdateSubscription, {
    scope: "subscriptions.update",
    call: async (input) => (await api()).subscriptions.update(input),
    redirectTo: ({ id }) => done("saved", id),
  });
}

export async function removeSubscription(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZSubscriptionId, {
    scope: "subscriptions.remove",
    call: async (input) => (await api()).subscriptions.remove(input),
    redirectTo: () => done("removed"),
  });
}

export async function updateMailSettings(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  return submitForm(form, ZMailSettingsForm, {
    scope: "subscriptions.updateMailSettings",
    call: async (input) => (await api()).subscriptions.updateMailSettings(input),
    redirectTo: () => done("mail"),
  });
}

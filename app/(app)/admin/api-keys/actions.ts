"use server";

import { api } from "~/app/_trpc/server";
import { ZApiKeyCreate, ZApiKeyRef } from "~/schemas/api-keys";
import { actionErrors, backTo, formText, submitFormShowing, type ShownResult } from "~/server/api/form-actions";
import { parseForm } from "~/schemas/parse-form";

// POSTs from the API keys page, which work without JavaScript, each checked by the apiKeys
// procedure of the same name (api_key.manage, scoped to the viewer's agency by the service). The
// key is shown once: it comes back in the answer, never in an address.

export type IssuedKey = { token: string; prefix: string; expiresAt: Date; account: string };

export async function createApiKey(_previous: ShownResult<IssuedKey> | undefined, form: FormData): Promise<ShownResult<IssuedKey>> {
  return submitFormShowing(form, ZApiKeyCreate, {
    scope: "apiKeys.create",
    call: async (input) => (await api()).apiKeys.create(input),
    show: ({ token, prefix, expiresAt, accountName }) => ({ token, prefix, expiresAt, account: accountName }),
  });
}

/**
 * Revoking needs no confirmation step: a revoked key is replaced by issuing a new one. A key not of
 * the viewer's agency (only a forged post names one) changes nothing and shows the list again.
 */
export async function revokeApiKey(form: FormData): Promise<void> {
  const submission = parseForm(form, ZApiKeyRef);
  try {
    if (submission.status === "success") await (await api()).apiKeys.revoke(submission.value);
  } catch (error) {
    actionErrors(error, "apiKeys.revoke");
  }
  backTo(`/admin/api-keys#key-${encodeURIComponent(formText(form, "keyId"))}`);
}

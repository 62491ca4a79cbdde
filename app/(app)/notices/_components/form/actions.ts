"use server";

import { api } from "~/app/_trpc/server";
import type { FormResult } from "~/schemas/form";
import { formText, submitForm } from "~/server/api/form-actions";
import { ServiceError } from "~/server/services/errors";
import { ZNoticeCreateForm, ZNoticeEditForm } from "./schemas";
import { releasedAsMarked } from "./values";

// The notice form's posts, with and without JavaScript: the procedures of the same name check
// them again; success goes to the notice, so a reload there posts nothing.

const MAX_RECIPIENT_EMAILS = 50;

/**
 * TLP:RED recipients typed as email addresses (the form without JavaScript) join those chosen
 * with the search, for this post only: the form shows the addresses as typed. `unknown` are the
 * addresses no active user has.
 */
async function withRecipientsByEmail(form: FormData): Promise<{ form: FormData; unknown: string[] }> {
  const emails = [
    ...new Set(
      formText(form, "recipientEmails")
        .toLowerCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ].slice(0, MAX_RECIPIENT_EMAILS);
  if (emails.length === 0 || formText(form, "notice.tlp") !== "red") return { form, unknown: [] };
  const notices = (await api()).notices;
  // Chosen with the search, as Conform names list rows: notice.recipientIds[0], [1]…
  const rows = [...form.keys()].filter((name) => /^notice\.recipientIds\[\d+\]$/.test(name));
  const chosen = new Set(rows.map((name) => form.get(name)));
  // The search takes at most 100 characters: a longer address is nobody's.
  const lookUp = async (email: string) =>
    email.length > 100 ? undefined : (await notices.recipientOptions({ q: email })).find((person) => person.email.toLowerCase() === email);
  const found = await Promise.all(emails.map(lookUp));
  const augmented = new FormData();
  for (const [name, value] of form) augmented.append(name, value);
  let next = rows.length;
  for (const person of found) if (person && !chosen.has(person.id)) augmented.append(`notice.recipientIds[${next++}]`, person.id);
  return { form: augmented, unknown: emails.filter((_, i) => !found[i]) };
}

const refuseUnknown = (unknown: string[]) => {
  if (unknown.length) throw new ServiceError("INVALID", "unknownRecipientEmail", "recipientEmails");
};

export async function createNotice(_previous: FormResult | undefined, posted: FormData): Promise<FormResult> {
  const { form, unknown } = await withRecipientsByEmail(posted);
  return submitForm(form, ZNoticeCreateForm, {
    scope: "notices.create",
    call: async ({ linkIds, recipientEmails: _typed, ...input }) => {
      refuseUnknown(unknown);
      const notices = (await api()).notices;
      const { id } = await notices.create({ ...input, notice: releasedAsMarked(input.notice) });
      // The notice exists either way; a link that fails can be made from its page.
      await Promise.allSettled(linkIds.map((otherId) => notices.link({ id, otherId })));
      return id;
    },
    redirectTo: (id) => `/notices/${id}`,
  });
}

export async function updateNotice(_previous: FormResult | undefined, posted: FormData): Promise<FormResult> {
  const { form, unknown } = await withRecipientsByEmail(posted);
  return submitForm(form, ZNoticeEditForm, {
    scope: "notices.update",
    call: async ({ recipientEmails: _typed, ...input }) => {
      refuseUnknown(unknown);
      await (await api()).notices.update({ ...input, notice: releasedAsMarked(input.notice) });
      return input.id;
    },
    redirectTo: (id) => `/notices/${id}`,
  });
}

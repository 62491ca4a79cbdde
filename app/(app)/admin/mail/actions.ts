"use server";

import { api } from "~/app/_trpc/server";
import { actionErrors, backTo, formText, type ActionErrors } from "~/server/api/form-actions";

// POSTs from the mail page that work without JavaScript, each checked by the procedure of the
// same name (mail.admin); success goes back to the page, which says what happened.

/** Sends the coming daily and weekly digests now; the page says how many were queued. */
export async function runDigests(_previous: ActionErrors): Promise<ActionErrors> {
  let queued: number;
  try {
    ({ queued } = await (await api()).mail.runDigests());
  } catch (error) {
    return actionErrors(error, "mail.runDigests");
  }
  backTo(`/admin/mail?queued=${queued}`);
}

/** Puts a failed job back in its queue. */
export async function retryJob(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  try {
    await (await api()).mail.retryDeadLetter({ id: formText(form, "id") });
  } catch (error) {
    return actionErrors(error, "mail.retryDeadLetter");
  }
  backTo("/admin/mail?done=retried");
}

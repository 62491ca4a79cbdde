"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { api } from "~/app/_trpc/server";
import { ZAnswerDeconfliction, ZRequestDeconfliction } from "~/schemas/deconfliction";
import { formText } from "~/server/api/form-actions";

// Where a request may return to: the notice or entity page it was made from.
const BACK = /^\/(notices\/[0-9a-f-]{36}|entities\/[a-z_]+\/[0-9a-f-]{36})$/;
const REFUSED = ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN", "CONFLICT"];

async function outcome(call: () => Promise<unknown>, done: string): Promise<string> {
  try {
    await call();
    return done;
  } catch (error) {
    if (!(error instanceof TRPCError) || !REFUSED.includes(error.code)) throw error;
    return "refused";
  }
}

/**
 * "Request it": a POST that works without JavaScript. A resent form is the same request (the
 * service keeps one open per agency, entity and notice), and answers the same "sent".
 */
export async function requestDeconflictionAction(form: FormData): Promise<void> {
  const back = formText(form, "back");
  const page = BACK.test(back) ? back : "/deconfliction";
  const input = ZRequestDeconfliction.safeParse({
    entityId: formText(form, "entityId"),
    fromNoticeId: formText(form, "fromNoticeId") || undefined,
    message: formText(form, "message"),
  });
  const done = input.success ? await outcome(async () => (await api()).deconfliction.request(input.data), "sent") : "refused";
  redirect(`${page}?deconfliction=${done}#deconfliction`);
}

/** The holder's release, decline or reply (the button pressed), back to the deconfliction page. */
export async function answerDeconflictionAction(form: FormData): Promise<void> {
  const input = ZAnswerDeconfliction.safeParse({ id: formText(form, "id"), answer: formText(form, "answer"), message: formText(form, "message") });
  const done = input.success ? await outcome(async () => (await api()).deconfliction.answer(input.data), input.data.answer) : "refused";
  redirect(`/deconfliction?done=${done}`);
}

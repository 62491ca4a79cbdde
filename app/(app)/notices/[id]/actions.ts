"use server";

import { redirect } from "next/navigation";
import { api } from "~/app/_trpc/server";
import type { ReportNoticeInput } from "~/schemas/moderation";
import { fieldErrors } from "~/schemas/issues";
import { noticeIdIn, ZRetractNotice } from "~/schemas/notices";
import { DELIVERIES } from "~/schemas/subscriptions";
import { actionErrors, formText, type ActionErrors } from "~/server/api/form-actions";

// Each a POST from the notice page that works without JavaScript, checked by the procedure of the
// same name; success goes back to the notice (a reload does not post again), a refusal comes back.

export type ReportState = ActionErrors & {
  values: { reason: string; note: string } | null;
};

const noticePath = (id: string, done?: string) => `/notices/${encodeURIComponent(id)}${done ? `?done=${done}` : ""}`;

/** An author submitting a draft for release, or a chief releasing a pending notice. */
export async function changeStatus(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  const id = formText(form, "id");
  const intent = formText(form, "intent");
  try {
    const notices = (await api()).notices;
    if (intent === "release") await notices.release({ id });
    else if (intent === "submit") await notices.submit({ id });
    else return { fields: {}, message: "invalid" };
  } catch (error) {
    return actionErrors(error, `notices.${intent}`);
  }
  redirect(noticePath(id, intent === "release" ? "released" : "submitted"));
}

/** Watching a notice (with a delivery) or no longer watching it. */
export async function changeWatch(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  const noticeId = formText(form, "noticeId");
  const unwatch = formText(form, "intent") === "unwatch";
  try {
    const subscriptions = (await api()).subscriptions;
    if (unwatch) await subscriptions.unwatch({ noticeId });
    else
      await subscriptions.watch({
        noticeId,
        delivery: DELIVERIES.find((d) => d === formText(form, "delivery")) ?? "instant",
      });
  } catch (error) {
    return actionErrors(error, unwatch ? "subscriptions.unwatch" : "subscriptions.watch");
  }
  redirect(noticePath(noticeId));
}

/** A reader asking coordinators to look at the notice. */
export async function reportNotice(_previous: ReportState, form: FormData): Promise<ReportState> {
  const id = formText(form, "id");
  const values = {
    reason: formText(form, "reason"),
    note: formText(form, "note"),
  };
  try {
    await (
      await api()
    ).moderation.report({
      id,
      reason: values.reason as ReportNoticeInput["reason"],
      note: values.note,
    });
  } catch (error) {
    return { ...actionErrors(error, "moderation.report"), values };
  }
  redirect(noticePath(id, "reported"));
}

export type LinkState = ActionErrors & { pasted: string | null };

/** Linking the notice to another (chosen in the picker, or pasted as an address or an id), or unlinking one. */
export async function changeLink(_previous: LinkState, form: FormData): Promise<LinkState> {
  const id = formText(form, "id");
  const pasted = formText(form, "otherId");
  const unlink = formText(form, "intent") === "unlink";
  try {
    const notices = (await api()).notices;
    await (unlink ? notices.unlink : notices.link)({
      id,
      otherId: noticeIdIn(pasted),
    });
  } catch (error) {
    return {
      ...actionErrors(error, unlink ? "notices.unlink" : "notices.link"),
      pasted,
    };
  }
  redirect(noticePath(id));
}

/** `confirming`: the reason is accepted and the author is asked once more before it happens. */
export type RetractState = ActionErrors & {
  reason: string;
  confirming: boolean;
};

/**
 * Retraction in two posts, so that it asks again without JavaScript too: "continue" checks the
 * reason and asks for the confirmation, "retract" retracts, "back" returns to the reason.
 */
export async function retractNotice(_previous: RetractState, form: FormData): Promise<RetractState> {
  const id = formText(form, "id");
  const reason = formText(form, "reason");
  const intent = formText(form, "intent");
  const checked = ZRetractNotice.safeParse({ id, reason });
  if (!checked.success)
    return {
      fields: fieldErrors(checked.error),
      message: null,
      reason,
      confirming: false,
    };
  if (intent !== "retract")
    return {
      fields: {},
      message: null,
      reason,
      confirming: intent === "continue",
    };
  try {
    await (await api()).notices.retract(checked.data);
  } catch (error) {
    return {
      ...actionErrors(error, "notices.retract"),
      reason,
      confirming: false,
    };
  }
  redirect(noticePath(id, "retracted"));
}

"use server";

import { redirect } from "next/navigation";
import type { z } from "zod";
import { api } from "~/app/_trpc/server";
import { MODERATION_DECISIONS, type ZRedact } from "~/schemas/moderation";
import { noticeIdIn } from "~/schemas/notices";
import { actionErrors, formText, type ActionErrors } from "~/server/api/form-actions";

export type DecisionValues = { reason: string; days: string; redact: string; duplicateId: string };
export type DecisionState = ActionErrors & { values: DecisionValues | null };

/**
 * A coordinator's decision from the panel's POST, with or without JavaScript: the button pressed
 * names it, and the moderation procedure of that name checks it (permission, schema, state). A
 * refusal comes back with what was typed; success goes back to the review page, which says so.
 */
export async function decide(_previous: DecisionState, form: FormData): Promise<DecisionState> {
  const id = formText(form, "id");
  const decision = MODERATION_DECISIONS.find((d) => d === formText(form, "decision"));
  const values: DecisionValues = {
    reason: formText(form, "reason"),
    days: formText(form, "days"),
    redact: formText(form, "redact"),
    duplicateId: formText(form, "duplicateId").trim(),
  };
  if (!decision) return { fields: {}, message: "invalid", values };
  try {
    const moderation = (await api()).moderation;
    const input = { id, reason: values.reason };
    if (decision === "pin") await moderation.pin({ ...input, days: Number(values.days) });
    else if (decision === "merge") await moderation.merge({ ...input, duplicateId: noticeIdIn(values.duplicateId) });
    else if (decision === "redact") {
      const [field, index] = values.redact.split(":");
      await moderation.redact({ ...input, field: field as z.input<typeof ZRedact>["field"], index: Number(index) });
    } else await moderation[decision](input);
  } catch (error) {
    return { ...actionErrors(error, `moderation.${decision}`), values };
  }
  redirect(`/moderation/${encodeURIComponent(id)}?done=${decision}`);
}

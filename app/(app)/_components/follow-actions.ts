"use server";

import { api } from "~/app/_trpc/server";
import { DELIVERIES } from "~/schemas/subscriptions";
import { actionErrors, backTo, formText, type ActionErrors } from "~/server/api/form-actions";

const FILTER_FIELD = { crossing: "crossingIds", substance: "substanceIds", agency: "agencyIds" } as const;
type Target = keyof typeof FILTER_FIELD;

// Back to the page the button is on: a reload there does not post again.
const pageOf = (target: Target, id: string) =>
  target === "agency" ? `/agencies#agency-${encodeURIComponent(id)}` : `/${target === "crossing" ? "crossings" : "substances"}/${encodeURIComponent(id)}`;

/**
 * "Subscribe" (a feed of exactly one crossing, substance or agency) or "Unsubscribe", from the
 * button's POST with or without JavaScript, through the subscription procedures.
 */
export async function changeFollow(_previous: ActionErrors, form: FormData): Promise<ActionErrors> {
  const target = (Object.keys(FILTER_FIELD) as Target[]).find((t) => t === formText(form, "target"));
  const id = formText(form, "id");
  if (!target) return { fields: {}, message: "invalid" };
  const unfollow = formText(form, "intent") === "unfollow";
  try {
    const subscriptions = (await api()).subscriptions;
    if (unfollow) await subscriptions.remove({ id: formText(form, "subscriptionId") });
    else
      await subscriptions.create({
        filter: { [FILTER_FIELD[target]]: [id] },
        delivery: DELIVERIES.find((d) => d === formText(form, "delivery")) ?? "daily",
      });
  } catch (error) {
    return actionErrors(error, unfollow ? "subscriptions.remove" : "subscriptions.create");
  }
  backTo(pageOf(target, id));
}

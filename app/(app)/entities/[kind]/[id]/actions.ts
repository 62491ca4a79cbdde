"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { api } from "~/app/_trpc/server";
import { ZDecideEntities } from "~/schemas/entities";
import { ENTITY_KINDS } from "~/schemas/entity-enums";
import { formText } from "~/server/api/form-actions";

/**
 * An analyst's "same" or "not the same" on an alike entity, a POST that works without JavaScript.
 * Back to the entity's page either way; a refusal (the other entity no longer readable, a forged
 * post) says so there rather than a 500.
 */
export async function decide(form: FormData): Promise<void> {
  const kind = ENTITY_KINDS.find((k) => k === formText(form, "kind")) ?? "company";
  const input = ZDecideEntities.safeParse({ id: formText(form, "id"), otherId: formText(form, "otherId"), decision: formText(form, "decision") });
  const back = (done: string) => `/entities/${kind}/${input.success ? input.data.id : ""}?done=${done}`;
  if (!input.success) redirect("/feed");
  let outcome = "decided";
  try {
    await (await api()).entities.decide(input.data);
  } catch (error) {
    if (!(error instanceof TRPCError) || !["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"].includes(error.code)) throw error;
    outcome = "refused";
  }
  redirect(back(outcome));
}

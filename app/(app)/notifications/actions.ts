"use server";

import { TRPCError } from "@trpc/server";
import { revalidatePath } from "next/cache";
import { api } from "~/app/_trpc/server";

// Plain form posts, so the notification centre works with JavaScript off.

export async function markAllReadAction(): Promise<void> {
  await (await api()).notifications.markAllRead();
  revalidatePath("/notifications");
}

export async function markReadAction(form: FormData): Promise<void> {
  try {
    await (await api()).notifications.markRead({ id: Number(form.get("id")) });
  } catch (error) {
    // Gone or never the viewer's (a stale page, an edited form): the refreshed list shows what is.
    if (!(error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))) throw error;
  }
  revalidatePath("/notifications");
}

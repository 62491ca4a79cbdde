import { randomUUID } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import type { NoticeFormValues } from "~/schemas/notices";
import { apiSignIn, trpcMutate } from "./fixtures";

// What the picker specs share: notices posted through the API, a word only one test's notices
// carry, and a combobox's options.

/** Posts a notice as the signed-in user of `request` (published at once in these agencies). */
export async function post(request: APIRequestContext, notice: NoticeFormValues): Promise<string> {
  return ((await trpcMutate(request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice })) as { id: string }).id;
}

/** Notices by a user of another browser context, who then leaves. */
export async function postedBy(browser: Browser, email: string, notices: NoticeFormValues[]): Promise<string[]> {
  const context = await browser.newContext();
  await apiSignIn(context.request, email, DEMO_PASSWORD);
  const ids: string[] = [];
  for (const notice of notices) ids.push(await post(context.request, notice));
  await context.close();
  return ids;
}

// One word of letters and digits that no other test's notice carries: a title search finds only this test's.
export const marker = () => `pick${randomUUID().replaceAll("-", "").slice(0, 10)}`;

/** The options a combobox shows (the page has plain selects' options too). */
export const optionsOf = (page: Page, name: string) => page.getByRole("listbox", { name, exact: true }).getByRole("option");

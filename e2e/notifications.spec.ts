import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, SAME_ORIGIN, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

/** A tRPC mutation over HTTP, as the browser's client sends it (superjson envelope). */
async function mutate(request: APIRequestContext, path: string, input: unknown) {
  return request.post(`/api/trpc/${path}`, { data: { json: input }, headers: SAME_ORIGIN });
}

/** The unread count the bell announces (its accessible name carries the number, also when 0). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId("notification-bell").getAttribute("aria-label")) ?? "";
  const match = /(\d+)/.exec(label);
  return match ? Number(match[1]) : 0;
}

test.describe("the notification centre", () => {
  test("a notice posted at a subscribed crossing appears for the open page, with its unread count, without reload", async ({ browser }) => {
    const chief = await (await browser.newContext()).newPage();
    await apiSignIn(chief.request, "kz.chief@example.org", PASSWORD);
    const subscribed = await mutate(chief.request, "subscriptions.create", { filter: { crossingIds: ["torugart"] }, delivery: "in_app" });
    // Already subscribed (an earlier spec, or the same feed chosen in the preferences) is as good.
    expect([200, 409]).toContain(subscribed.status());

    await chief.goto("/notifications");
    await expect(chief.getByRole("heading", { level: 1 })).toHaveText("Notifications");
    const before = await bellCount(chief);
    // Set on this document only: a reload or a navigation would lose it.
    await chief.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    const title = `Acetic anhydride under a false bottom ${randomUUID().slice(0, 8)}`;
    const analyst = await (await browser.newContext()).newPage();
    await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
    const created = await mutate(analyst.request, "notices.create", {
      idempotencyKey: randomUUID(),
      asDraft: false,
      notice: seizureInput({ title, crossingId: "torugart", tlp: "green" }),
    });
    expect(created.status()).toBe(200);

    const item = chief.getByTestId("notification").filter({ hasText: title });
    await expect(item).toBeVisible({ timeout: 10_000 });
    await expect(item).toHaveAttribute("data-unread", "true");
    await expect(item.getByRole("link", { name: title })).toHaveAttribute("href", /\/notices\/[0-9a-f-]{36}$/);
    await expect.poll(() => bellCount(chief)).toBe(before + 1);
    expect(await chief.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    await chief.getByRole("button", { name: "Mark all as read" }).click();
    await expect(item).toHaveAttribute("data-unread", "false");
    await expect.poll(() => bellCount(chief)).toBe(0);
  });

  test("the list and mark-all-read work with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const chief = await context.newPage();
    await apiSignIn(chief.request, "kz.chief@example.org", PASSWORD);
    await mutate(chief.request, "subscriptions.create", { filter: { crossingIds: ["torugart"] }, delivery: "in_app" });
    const title = `Precursor drums at Torugart ${randomUUID().slice(0, 8)}`;
    const analyst = await (await browser.newContext()).newPage();
    await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
    await mutate(analyst.request, "notices.create", {
      idempotencyKey: randomUUID(),
      asDraft: false,
      notice: seizureInput({ title, crossingId: "torugart", tlp: "green" }),
    });

    // The fan-out runs in the background: reload until it has landed, as a user without JS would.
    await expect
      .poll(
        async () => {
          await chief.goto("/notifications");
          return chief.getByTestId("notification").filter({ hasText: title }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await chief.getByRole("button", { name: "Mark all as read" }).click();
    await expect(chief.getByTestId("notification").filter({ hasText: title })).toHaveAttribute("data-unread", "false");
    expect(await bellCount(chief)).toBe(0);
    await context.close();
  });
});

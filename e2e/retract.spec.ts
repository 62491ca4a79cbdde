import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test, trpcMutate } from "./support/fixtures";

// Retraction takes a reason and asks once more; each step is a post to a server action, so it
// works the same with JavaScript off. The analyst reads the app in Russian.

async function ownNotice(request: APIRequestContext) {
  await apiSignIn(request, "kg.analyst@example.org", "precursor-demo-2026");
  const title = `Retracted ${randomUUID().slice(0, 8)}`;
  return (await trpcMutate(request, "notices.create", {
    idempotencyKey: randomUUID(),
    asDraft: false,
    notice: seizureInput({ title, crossingId: "kulma", tlp: "green" }),
  })) as { id: string };
}

async function retract(page: Page, id: string) {
  await page.goto(`/notices/${id}`);
  await page.getByRole("button", { name: "Отозвать…" }).click();
  // Without a reason the server refuses, and says so at the field.
  await page.getByRole("button", { name: "Продолжить" }).click();
  await expect(page.getByLabel("Причина отзыва")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Причина отзыва").fill("Posted twice by mistake");
  await page.getByRole("button", { name: "Продолжить" }).click();
  // Asked once more; going back keeps the reason.
  await expect(page.getByText("Отменить это нельзя.")).toBeVisible();
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.getByLabel("Причина отзыва")).toHaveValue("Posted twice by mistake");
  await page.getByRole("button", { name: "Продолжить" }).click();
  await page.getByRole("button", { name: "Отозвать уведомление" }).click();
  await expect(page.getByText("Причина: Posted twice by mistake")).toBeVisible();
  // Said in so many words where the action was, which is gone.
  await expect(page.getByText("Отозвано.", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Отозвать…" })).toHaveCount(0);
}

test("the author retracts a notice with a reason, after a second confirmation", async ({ page }) => {
  const { id } = await ownNotice(page.request);
  await retract(page, id);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the author retracts a notice the same way, each step a post", async ({ page }) => {
    const { id } = await ownNotice(page.request);
    await retract(page, id);
    expect(page.url()).not.toContain("reason");
  });
});

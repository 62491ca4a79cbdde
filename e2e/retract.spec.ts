import { randomUUID } from "node:crypto";
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test, trpcMutate } from "./support/fixtures";

// The retraction form is loaded when its author opens it (with the tRPC client and zod, which the
// notice page otherwise does without): it must still take a reason, ask again, and retract. The
// analyst reads the app in Russian.
test("the author retracts a notice with a reason, after a second confirmation", async ({ page }) => {
  await apiSignIn(page.request, "kg.analyst@example.org", "precursor-demo-2026");
  const title = `Retracted ${randomUUID().slice(0, 8)}`;
  const { id } = (await trpcMutate(page.request, "notices.create", {
    idempotencyKey: randomUUID(),
    asDraft: false,
    notice: seizureInput({ title, crossingId: "kulma", tlp: "green" }),
  })) as { id: string };

  await page.goto(`/notices/${id}`);
  await page.getByRole("button", { name: "Отозвать…" }).click();
  await page.getByRole("button", { name: "Продолжить" }).click();
  await expect(page.getByLabel("Причина отзыва")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Причина отзыва").fill("Posted twice by mistake");
  await page.getByRole("button", { name: "Продолжить" }).click();
  await page.getByRole("button", { name: "Отозвать уведомление" }).click();
  await expect(page.getByText("Причина: Posted twice by mistake")).toBeVisible();
});

import { randomUUID } from "node:crypto";
import en from "~/i18n/messages/en/noticeForm.json" with { type: "json" };
import errors from "~/i18n/messages/en/errors.json" with { type: "json" };
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, SAME_ORIGIN, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

test("a restored submission whose idempotency key was spent on other content is refused, keeps its text, and goes out next time (issue 13, item 14a)", async ({
  page,
  users,
}) => {
  const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
  await apiSignIn(page.request, author.email, PASSWORD);
  // The key of a notice this author already sent, as a form restored on this device would carry it.
  const spent = randomUUID();
  const first = await page.request.post("/api/trpc/notices.create", {
    data: { json: { idempotencyKey: spent, asDraft: false, notice: seizureInput({ title: `The first notice ${spent.slice(0, 8)}` }) } },
    headers: SAME_ORIGIN,
  });
  expect(first.ok()).toBe(true);

  const title = `Another seizure entirely ${randomUUID().slice(0, 8)}`;
  // Unsent input this browser kept, with the key that has since been spent.
  await page.goto("/feed");
  const saved = {
    format: 2,
    savedAt: new Date().toISOString(),
    version: 0,
    value: { idempotencyKey: spent, notice: { kind: "seizure", handlingCode: "intelligence_only", items: [{ unit: "kg" }] } },
  };
  await page.evaluate(([key, value]) => window.localStorage.setItem(key!, value!), [`tianshan.notice-form.${author.id}.new.seizure`, JSON.stringify(saved)]);
  await page.goto("/notices/new?kind=seizure");
  await expect(page.getByRole("status").filter({ hasText: /has been restored/ })).toBeVisible();
  await expect(page.locator('input[name="idempotencyKey"]')).toHaveValue(spent);
  await page.getByLabel(en.common.noticeTitle, { exact: true }).fill(title);
  await page.getByLabel(en.common.date).fill("2026-11-20");
  await page.getByLabel(en.place.crossing).selectOption("torugart");
  await page.getByLabel(en.seizure.substance, { exact: true }).selectOption("acetic-anhydride");
  await page.getByLabel(en.seizure.quantity, { exact: true }).fill("2.8");
  await page.getByLabel(en.seizure.unit, { exact: true }).selectOption("t");
  await page.locator('input[name="notice.tlp"][value="green"]').check();
  await page.locator('input[name="notice.sourceReliability"][value="B"]').check();
  await page.locator('input[name="notice.infoCredibility"][value="2"]').check();
  await page.getByRole("button", { name: en.actions.publish, exact: true }).click();

  await expect(page.locator("[data-form-error]")).toHaveText(errors.idempotencyKeyReused);
  await expect(page).toHaveURL(/\/notices\/new/);
  await expect(page.getByLabel(en.common.noticeTitle, { exact: true })).toHaveValue(title);

  await page.getByRole("button", { name: en.actions.publish, exact: true }).click();
  await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

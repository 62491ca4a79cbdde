import ruForm from "~/i18n/messages/ru/noticeForm.json" with { type: "json" };
import ruValidation from "~/i18n/messages/ru/validation.json" with { type: "json" };
import enModeration from "~/i18n/messages/en/moderation.json" with { type: "json" };
import { apiSignIn, expect, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A validation message as shown, its values left open (numbers and dates are formatted per locale). */
const shown = (message: string) =>
  new RegExp(
    message
      .split(/\{\w+\}/)
      .map(escape)
      .join(".+"),
  );

test.describe("input PostgreSQL would refuse", () => {
  test("the notice form names the field in the user's language and keeps what was typed", async ({ page }) => {
    // kg.analyst reads in Russian.
    await apiSignIn(page.request, "kg.analyst@example.org", PASSWORD);
    await page.goto("/notices/new?kind=seizure");
    const typed = "Drums of acetic anhydride\u0000 at Torugart";
    const title = page.getByLabel(ruForm.common.noticeTitle, { exact: true });
    await title.fill(typed);
    await page.getByLabel(ruForm.common.date).fill("2026-11-20");
    await page.getByLabel(ruForm.place.crossing).selectOption("torugart");
    await page.getByLabel(ruForm.seizure.substance).selectOption("acetic-anhydride");
    const quantity = page.getByLabel(ruForm.seizure.quantity);
    await quantity.fill("1000000000");
    await page.getByLabel(ruForm.seizure.unit).selectOption("t");
    await page.locator('input[name="notice.sourceReliability"][value="B"]').check();
    await page.locator('input[name="notice.infoCredibility"][value="2"]').check();
    await page.getByRole("button", { name: ruForm.actions.publish, exact: true }).click();

    await expect(title).toHaveAttribute("aria-invalid", "true");
    await expect(title).toHaveAccessibleDescription(shown(ruValidation.invalidCharacters));
    await expect(quantity).toHaveAccessibleDescription(shown(ruValidation.tooBig));
    await expect(title).toHaveValue(typed);
    await expect(quantity).toHaveValue("1000000000");
    await expect(page).toHaveURL(/\/notices\/new\?kind=seizure$/);
  });

  test("a NUL or a malformed value in an address answers not found or a message, never a server error", async ({ page }) => {
    await apiSignIn(page.request, "kg.analyst@example.org", PASSWORD);
    const notFound = [
      "/notices/%00",
      "/notices/00000000-0000-4000-8000-000000000000%00",
      "/notices/%00/edit",
      "/notices/%00/history",
      "/crossings/%00",
      "/crossings/torugart%00",
      "/substances/%00",
    ];
    for (const path of notFound) expect([path, (await page.request.get(path)).status()]).toEqual([path, 404]);

    const answered = [
      "/search?q=%00",
      "/search?q=acetic%00&cursor=%00",
      "/search?q=%ED%A0%80",
      "/substances?q=%00",
      "/crossings?country=%00",
      "/notifications?cursor=%00",
      "/moderation/log?cursor=%00",
      "/admin/audit/reads?cursor=%00",
      "/notices/new?kind=%00",
      "/invite/%00",
      "/unsubscribe/%00",
    ];
    for (const path of answered) expect([path, (await page.request.get(path)).status()]).toEqual([path, 200]);

    // A shared feed link with broken filters: each is explained next to its field, in Russian.
    await page.goto("/feed?agency=kz%00&from=0000-01-01&to=99999-01-01&cursor=%00");
    await expect(page.getByText(shown(ruValidation.invalidCharacters))).toBeVisible();
    await expect(page.getByText(shown(ruValidation.dateOutOfRange))).toBeVisible();
    await expect(page.getByText(shown(ruValidation.invalidDate))).toBeVisible();
    await page.goto("/search?q=acetic%00");
    await expect(page.getByText(shown(ruValidation.invalidCharacters))).toBeVisible();
  });

  test("the audit search refuses a NUL and a year 0 with its message instead of failing", async ({ page }) => {
    await apiSignIn(page.request, "unodc.coordinator@example.org", PASSWORD);
    const response = await page.goto("/admin/audit?actor=a%00&from=0000-01-01");
    expect(response?.status()).toBe(200);
    await expect(page.getByText(enModeration.audit.invalid)).toBeVisible();
  });
});

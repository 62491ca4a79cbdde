import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { noticeRecipients } from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import en from "~/i18n/messages/en/noticeForm.json" with { type: "json" };
import ru from "~/i18n/messages/ru/noticeForm.json" with { type: "json" };

import { apiSignIn, expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { marker, optionsOf } from "./support/pickers";

// The notice form's pickers: substances, countries and TLP:RED recipients, with and without JavaScript.

/** Whether any script the page has fetched so far is the combobox's (downshift names its elements' ids with this). */
function watchComboboxScript(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.text().catch(() => ""));
  });
  return async () => (await Promise.all(bodies)).some((body) => body.includes("downshift-"));
}

/** The route's row of countries, its number-th row's label as the form writes it. */
const routeCountry = (messages: typeof en, number: number) =>
  messages.seizure.routeCountryLabel.replace("{route}", messages.seizure.originCountries).replace("{number}", String(number));

/** What every seizure needs besides its items and route: a title, a date, a place, a marking and a grading. */
async function fillTheRest(page: Page, messages: typeof en, title: string) {
  await page.getByLabel(messages.common.noticeTitle, { exact: true }).fill(title);
  await page.getByLabel(messages.common.date, { exact: true }).fill("2026-11-20");
  await page.getByLabel(messages.place.crossing, { exact: true }).selectOption("torugart");
  await page.getByLabel(messages.seizure.quantity, { exact: true }).fill("2.8");
  await page.locator('input[name="notice.tlp"][value="green"]').check();
  await page.locator('input[name="notice.sourceReliability"][value="B"]').check();
  await page.locator('input[name="notice.infoCredibility"][value="2"]').check();
}

test.describe("the notice form's pickers", () => {
  test("find a substance and a country typed in Russian, chosen with the keyboard, and fetch the combobox only when reached for", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon", locale: "ru" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    const comboboxFetched = watchComboboxScript(page);
    await page.goto("/notices/new?kind=seizure");
    // Hydrated: every script the page needs to work has arrived.
    await page.waitForFunction(() => Object.keys(document.querySelector("form#notice-form")!).some((key) => key.startsWith("__reactFiber$")));
    const title = `Пикеры ${marker()}`;
    await fillTheRest(page, ru as typeof en, title);
    expect(await comboboxFetched()).toBe(false);

    // Reached for, the select becomes the combobox, which keeps the focus.
    const item = page.getByRole("group", { name: ru.seizure.itemLabel.replace("{number}", "1"), exact: true });
    const substance = item.getByRole("combobox", { name: ru.seizure.substance, exact: true });
    await substance.focus();
    await expect(item.locator('input[role="combobox"]')).toBeFocused();
    expect(await comboboxFetched()).toBe(true);
    await substance.pressSequentially("уксусн");
    await expect(optionsOf(page, ru.seizure.substance).first()).toHaveText(/^Уксусный ангидрид/);
    await expectAccessible(page, "the open picker");
    await substance.press("Enter");
    await expect(substance).toHaveValue(/^Уксусный ангидрид/);

    await page.getByRole("group", { name: ru.seizure.originCountries, exact: true }).getByRole("button", { name: ru.seizure.addRouteCountry }).click();
    const origin = page.getByRole("combobox", { name: routeCountry(ru as typeof en, 1), exact: true });
    await origin.focus();
    await origin.pressSequentially("казах");
    await expect(optionsOf(page, routeCountry(ru as typeof en, 1))).toHaveText(["Казахстан"]);
    await origin.press("ArrowDown");
    await origin.press("Enter");
    await expect(origin).toHaveValue("Казахстан");

    await page.getByRole("button", { name: ru.actions.publish, exact: true }).click();
    await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("notice")).toContainText("Уксусный ангидрид");
    await expect(page.getByTestId("notice")).toContainText("Казахстан");
  });

  test("find a TLP:RED recipient by part of their address, added with the keyboard", async ({ page, users, db }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const recipient = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    await page.goto("/notices/new?kind=seizure");
    await fillTheRest(page, en, `Red with a picker ${marker()}`);
    await page.locator('input[name="notice.tlp"][value="red"]').check();
    const search = page.getByRole("combobox", { name: en.recipients.search, exact: true });
    // "user-" and the first part of a random id: this recipient and nobody else.
    await search.pressSequentially(recipient.email.slice(0, 13));
    await expect(optionsOf(page, en.recipients.search)).toHaveCount(1);
    await expect(optionsOf(page, en.recipients.search).first()).toContainText(recipient.email);
    await search.press("ArrowDown");
    await search.press("Enter");
    await expect(search).toHaveValue("");
    await expect(page.getByRole("list", { name: en.recipients.chosen }).getByRole("listitem")).toHaveText([new RegExp(recipient.email.split("@")[0]!)]);
    await expectAccessible(page, "the open picker");

    await page.getByRole("button", { name: en.actions.publish, exact: true }).click();
    await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    expect(await db.select({ userId: noticeRecipients.userId }).from(noticeRecipients).where(eq(noticeRecipients.noticeId, id))).toEqual([
      { userId: recipient.id },
    ]);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("post the substance and the countries as selects", async ({ page, users }) => {
      const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
      await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
      await page.goto("/notices/new?kind=seizure");
      // A row is added by the server, which answers with the form as it was.
      await page.getByLabel(en.seizure.substance, { exact: true }).selectOption("acetic-anhydride");
      await page.getByRole("group", { name: en.seizure.originCountries, exact: true }).getByRole("button", { name: en.seizure.addRouteCountry }).click();
      await expect(page.getByLabel(en.seizure.substance, { exact: true })).toHaveValue("acetic-anhydride");
      await page.getByLabel(routeCountry(en, 1), { exact: true }).selectOption("KZ");
      const title = `Pickers without script ${marker()}`;
      await fillTheRest(page, en, title);
      await page.getByRole("button", { name: en.actions.publish, exact: true }).click();
      await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(page.getByTestId("notice")).toContainText("Acetic anhydride");
      await expect(page.getByTestId("notice")).toContainText("Kazakhstan");
    });
  });
});

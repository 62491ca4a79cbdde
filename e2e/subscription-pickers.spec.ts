import { DEMO_PASSWORD } from "~/db/seed/factories";

import { apiSignIn, expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { optionsOf } from "./support/pickers";

// Subscriptions made with the pickers, and with plain forms without JavaScript.

test.describe("subscriptions", () => {
  test("are made with the combobox: countries and a crossing chosen by typing", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    await page.goto("/subscriptions");
    const countries = page.getByRole("combobox", { name: "Countries", exact: true });
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    await expect(page.locator("[data-field-error]")).toHaveText("Choose at least one crossing, substance, country, kind or agency.");
    await countries.pressSequentially("kyrg");
    await expect(optionsOf(page, "Countries").first()).toHaveText("Kyrgyzstan");
    await countries.press("Enter");
    await countries.pressSequentially("tajik");
    await expect(optionsOf(page, "Countries")).toHaveText(["Tajikistan"]);
    await expectAccessible(page, "the open picker");
    await countries.press("Enter");
    const chosen = page.getByRole("list", { name: "Chosen: Countries" });
    await expect(chosen.getByRole("listitem")).toHaveText([/^Kyrgyzstan/, /^Tajikistan/]);
    await chosen.getByRole("button", { name: "Remove Tajikistan" }).click();
    await expect(chosen.getByRole("listitem")).toHaveText([/^Kyrgyzstan/]);
    await expect(countries).toBeFocused();

    const crossings = page.getByRole("combobox", { name: "Crossings", exact: true });
    await crossings.pressSequentially("torug");
    await crossings.press("Enter");
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();

    await expect(page.getByRole("status").filter({ hasText: "Subscribed." })).toBeVisible();
    await expect(page.getByTestId("subscription-list").getByRole("listitem")).toHaveCount(1);
    await expect(page.getByTestId("subscription-list")).toContainText("Crossings: Torugart · Countries as place, origin or destination: Kyrgyzstan");
    // A new form for the next one.
    await expect(page.getByRole("list", { name: "Chosen: Countries" })).toHaveCount(0);

    await page.getByRole("button", { name: "Remove Crossings: Torugart · Countries as place, origin or destination: Kyrgyzstan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Removed." })).toBeVisible();
    await expect(page.getByTestId("subscription-list")).toHaveCount(0);
  });

  test("lists countries in the reader's language order", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon", locale: "ru" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    await page.goto("/subscriptions");
    await page.getByRole("combobox", { name: "Страны", exact: true }).press("ArrowDown");
    const names = await page.getByRole("listbox", { name: "Страны", exact: true }).getByRole("option").allTextContents();
    expect(names.length).toBeGreaterThan(20);
    expect(names).toEqual(names.toSorted(new Intl.Collator("ru").compare));
    expect(names).toContain("Казахстан");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("are made, changed and removed with plain forms, keeping what was chosen when refused", async ({ page, users }) => {
      const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
      await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
      await page.goto("/subscriptions");
      const form = page.getByRole("form", { name: "New subscription" });
      await form.getByLabel("Compare the countries with").selectOption("origin");
      await form.getByLabel("Delivery").selectOption("weekly");
      await form.getByRole("button", { name: "Subscribe" }).click();
      // Nothing chosen: refused, with the message under the fields and the choices kept.
      await expect(form.locator("[data-field-error]")).toHaveText("Choose at least one crossing, substance, country, kind or agency.");
      await expect(form.getByLabel("Compare the countries with")).toHaveValue("origin");
      await expect(form.getByLabel("Delivery")).toHaveValue("weekly");

      await form.getByRole("group", { name: "Substances" }).getByLabel("Acetic anhydride").check();
      await form.getByRole("group", { name: "Countries" }).getByLabel("Kazakhstan").check();
      await form.getByRole("button", { name: "Subscribe" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Subscribed." })).toBeVisible();
      const list = page.getByTestId("subscription-list");
      const described = "Substances: Acetic anhydride · Countries as origin: Kazakhstan";
      await expect(list).toContainText(described);
      await expect(list.getByLabel(`Delivery: ${described}`)).toHaveValue("weekly");

      await list.getByLabel(`Delivery: ${described}`).selectOption("instant");
      await list.getByRole("button", { name: `Save the delivery of ${described}` }).click();
      await expect(list.getByRole("status")).toHaveText("Saved.");
      await expect(list.getByLabel(`Delivery: ${described}`)).toHaveValue("instant");

      await page.getByLabel(/Email me about moderation/).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
      await page.goto("/subscriptions");
      await expect(page.getByLabel(/Email me about moderation/)).toBeChecked();

      await list.getByRole("button", { name: `Remove ${described}` }).click();
      await expect(page.getByRole("status").filter({ hasText: "Removed." })).toBeVisible();
      await expect(list).toHaveCount(0);
    });
  });
});

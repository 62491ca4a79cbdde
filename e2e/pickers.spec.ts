import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import type { NoticeFormValues } from "~/schemas/notices";
import { companyInput, seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test, trpcMutate } from "./support/fixtures";

/** Posts a notice as the signed-in user of `request` (published at once in these agencies). */
async function post(request: APIRequestContext, notice: NoticeFormValues): Promise<string> {
  return ((await trpcMutate(request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice })) as { id: string }).id;
}

/** Notices by a user of another browser context, who then leaves. */
async function postedBy(browser: Browser, email: string, notices: NoticeFormValues[]): Promise<string[]> {
  const context = await browser.newContext();
  await apiSignIn(context.request, email, DEMO_PASSWORD);
  const ids: string[] = [];
  for (const notice of notices) ids.push(await post(context.request, notice));
  await context.close();
  return ids;
}

// One word of letters and digits that no other test's notice carries: a title search finds only this test's.
const marker = () => `pick${randomUUID().replaceAll("-", "").slice(0, 10)}`;

/** The options a combobox shows (the page has plain selects' options too). */
const optionsOf = (page: Page, name: string) => page.getByRole("listbox", { name, exact: true }).getByRole("option");

/** No serious or critical axe violation on the page as it is (an open list, chosen values). */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("the notice picker", () => {
  test("links two notices by typing part of a title and choosing with the keyboard", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    const word = marker();
    const here = await post(page.request, seizureInput({ title: `Acetic anhydride at Torugart ${word}` }));
    const otherTitle = `Permanganate in a truck ${word}`;
    await post(page.request, seizureInput({ title: otherTitle }));

    await page.goto(`/notices/${here}`);
    const picker = page.getByRole("combobox", { name: "Notice to link" });
    // The start of the word: both notices carry it, and the notice itself is no choice.
    await picker.pressSequentially(word.slice(0, 9));
    await expect(optionsOf(page, "Notice to link")).toHaveCount(1);
    const option = optionsOf(page, "Notice to link").first();
    await expect(option).toContainText(otherTitle);
    await picker.press("ArrowDown");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await expectAccessible(page);
    await picker.press("Enter");
    await expect(picker).toHaveValue(otherTitle);
    await expect(picker).toHaveAttribute("aria-expanded", "false");

    await page.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${here}$`));
    await expect(page.getByRole("link", { name: otherTitle })).toBeVisible();

    // An address pasted as it was sent, and Enter, link as well: nothing needs choosing.
    const thirdTitle = `Third report ${word}`;
    const third = await post(page.request, seizureInput({ title: thirdTitle }));
    await picker.fill(`http://example.org/notices/${third}`);
    await expect(optionsOf(page, "Notice to link")).toHaveText([new RegExp(thirdTitle)]);
    await picker.press("Enter");
    await expect(page.getByRole("link", { name: thirdTitle })).toBeVisible();
  });

  test("never offers a notice hidden from the user (RED, AMBER+STRICT, not yet released), by its title or by its id", async ({ browser, page, users }) => {
    const word = marker();
    const author = await users.create({ role: "analyst", agencyId: "kz-border-service" });
    const recipient = await users.create({ role: "analyst", agencyId: "kz-border-service" });
    const [red, strict] = await postedBy(browser, author.email, [
      seizureInput({ title: `Hidden red seizure ${word}`, tlp: "red", recipientIds: [recipient.id] }),
      seizureInput({ title: `Hidden strict seizure ${word}`, tlp: "amber_strict", releaseAgencyIds: ["kz-knb"] }),
      seizureInput({ title: `Open seizure ${word}` }),
    ]);

    // Kazakhstan's customs releases its analysts' notices through a chief: until then only they see it.
    const waiting = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const [unreleased] = await postedBy(browser, waiting.email, [seizureInput({ title: `Hidden unreleased seizure ${word}` })]);

    const reader = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    await apiSignIn(page.request, reader.email, DEMO_PASSWORD);
    const own = await post(page.request, companyInput({ title: `The reader's own alert ${word}` }));
    await page.goto(`/notices/${own}`);
    const picker = page.getByRole("combobox", { name: "Notice to link" });
    await picker.pressSequentially(`seiz ${word}`);
    await expect(optionsOf(page, "Notice to link")).toHaveCount(1);
    await expect(optionsOf(page, "Notice to link").first()).toContainText(`Open seizure ${word}`);

    // Pasted, their ids find what an id of nothing finds.
    for (const id of [red!, strict!, unreleased!, randomUUID()]) {
      await picker.fill(id);
      await expect(page.getByText("Nothing matches.")).toBeVisible();
      await expect(optionsOf(page, "Notice to link")).toHaveCount(0);
    }
  });

  test("a coordinator names a merge's duplicate by typing its title", async ({ browser, page, users }) => {
    const word = marker();
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const duplicateTitle = `Duplicate report of the seizure ${word}`;
    const [survivor] = await postedBy(browser, analyst.email, [
      seizureInput({ title: `Seizure reported twice ${word}` }),
      seizureInput({ title: duplicateTitle }),
      // Of another kind: never a duplicate of a seizure.
      companyInput({ title: `Company of the seizure ${word}` }),
    ]);

    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    await apiSignIn(page.request, coordinator.email, DEMO_PASSWORD);
    await page.goto(`/moderation/${survivor}`);
    const picker = page.getByRole("combobox", { name: "Duplicate notice" });
    await picker.pressSequentially(`seizure ${word}`);
    await expect(optionsOf(page, "Duplicate notice")).toHaveCount(1);
    await expect(optionsOf(page, "Duplicate notice").first()).toContainText(duplicateTitle);
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await expect(picker).toHaveValue(duplicateTitle);
    await page.getByLabel("Reason").fill("The same seizure, reported by the same post twice");
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await expect(page.getByTestId("decision-done")).toHaveText("Merged.");
    // Merged away, it is no choice any more.
    await page.getByRole("combobox", { name: "Duplicate notice" }).pressSequentially(`seizure ${word}`);
    await expect(page.getByText("Nothing matches.")).toBeVisible();
  });
});

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
    await expectAccessible(page);
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

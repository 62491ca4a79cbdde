import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { noticeRecipients } from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import en from "~/i18n/messages/en/noticeForm.json" with { type: "json" };
import ru from "~/i18n/messages/ru/noticeForm.json" with { type: "json" };
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
  expect(
    violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
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
    await expectAccessible(page);
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
    await expectAccessible(page);

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

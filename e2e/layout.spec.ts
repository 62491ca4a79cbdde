import type { Page, TestInfo } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { apiSignIn, expect, test, type TestUsers } from "./support/fixtures";

const DEMO_PASSWORD = "precursor-demo-2026";
const LOCALES = ["ru", "en", "zh"] as const;
// One row of the header is 48 px; two rows would be 90 and more.
const ONE_ROW_PX = 60;

/** Whether the page is wider than the window (a horizontal scroll bar on a phone). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A screenshot kept with the test's results (the HTML report shows it; test-results/ holds the file). */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** A customs analyst reading in English (the demo's read in Russian and Chinese). */
async function signInAnalyst(page: Page, users: TestUsers) {
  const user = await users.create({ role: "analyst", agencyId: "kz-sgd-customs", locale: "en" });
  await apiSignIn(page.request, user.email, user.password!);
}

/** The addresses of the newest notices in the feed: each kind and marking there is looks different. */
async function noticeHrefs(page: Page, count: number) {
  await page.goto("/feed");
  const links = page.getByTestId("notice-line").getByRole("link");
  return (await links.evaluateAll((all) => all.map((a) => a.getAttribute("href")!))).slice(0, count);
}

test.describe("the header", () => {
  test.describe.configure({ timeout: 90_000 });

  test("fits in one row from 1,024 px in Russian, English and Chinese, for the roles with the most entries", async ({ page, users }) => {
    for (const locale of LOCALES) {
      for (const role of ["coordinator", "admin"] as const) {
        const user = await users.create({ role, agencyId: "unodc-roca", locale });
        await page.context().clearCookies();
        await apiSignIn(page.request, user.email, user.password!);
        for (const width of [1024, 1280, 1920]) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto("/feed");
          const header = await page.locator("body header").first().boundingBox();
          expect(header!.height, `${role} in ${locale} at ${width} px`).toBeLessThan(ONE_ROW_PX);
          expect(await overflow(page), `${role} in ${locale} at ${width} px`).toBeLessThanOrEqual(0);
          await expect(page.getByRole("navigation", { name: /./ }).first().getByRole("link").first()).toBeVisible();
        }
      }
    }
  });

  test("collapses below 1,024 px into a menu that works without JavaScript", async ({ browser, users }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInAnalyst(page, users);
    await page.goto("/feed");
    const crossings = page.getByRole("link", { name: "Crossings", exact: true });
    await expect(crossings).toBeHidden();
    await page.getByText("Menu", { exact: true }).click();
    await expect(crossings).toBeVisible();
    await crossings.click();
    await expect(page).toHaveURL(/\/crossings$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await context.close();
  });

  test("offers a new notice of each kind to whoever may post, and to no one else", async ({ page, users }) => {
    await signInAnalyst(page, users);
    await page.goto("/feed");
    await page.getByText("New notice", { exact: true }).click();
    const menu = page.getByTestId("new-notice-menu");
    await expect(menu.getByRole("link")).toHaveText(["Seizure notice", "Suspect-company alert", "Arrest notification"]);
    await menu.getByRole("link", { name: "Suspect-company alert" }).click();
    await expect(page).toHaveURL(/\/notices\/new\?kind=company$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New suspect-company alert");

    // A chief releases notices but does not write them: no action, as /notices/new is a 404 for them.
    await page.context().clearCookies();
    await apiSignIn(page.request, "kz.chief@example.org", DEMO_PASSWORD);
    await page.goto("/crossings/torugart");
    await expect(page.getByText("New notice", { exact: true })).toHaveCount(0);
    await expect(page.getByTestId("report-seizure")).toHaveCount(0);
    expect((await page.goto("/notices/new?kind=seizure"))?.status()).toBe(404);
  });

  test("'Report a seizure here' opens the seizure form with the crossing or substance chosen, without JavaScript", async ({ browser, users }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAnalyst(page, users);
    await page.goto("/crossings/torugart");
    await page.getByRole("link", { name: "Report a seizure here" }).click();
    await expect(page).toHaveURL(/\/notices\/new\?kind=seizure&crossing=torugart$/);
    await expect(page.getByLabel("Crossing or terminal")).toHaveValue("torugart");

    await page.goto("/substances/acetic-anhydride");
    await page.getByRole("link", { name: "Report a seizure here" }).click();
    await expect(page).toHaveURL(/\/notices\/new\?kind=seizure&substance=acetic-anhydride$/);
    await expect(page.getByLabel("Substance", { exact: true })).toHaveValue("acetic-anhydride");
    // A value the form does not offer is ignored, never an error.
    await page.goto("/notices/new?kind=seizure&crossing=nowhere&substance=%00");
    await expect(page.getByLabel("Crossing or terminal")).toHaveValue("");
    await context.close();
  });
});

test.describe("the feed", () => {
  test("is a dense list by default, with a result count, a sort and the cards a link away", async ({ page, users }) => {
    await signInAnalyst(page, users);
    await page.goto("/feed");
    const table = page.getByTestId("notice-table");
    await expect(table.getByRole("columnheader")).toHaveText(["Marking", "Kind", "Title", "Place", "Occurred", "Agency", "Posted"]);
    const lines = table.getByTestId("notice-line");
    expect(await lines.count()).toBeGreaterThan(5);
    // A line is one line: no taller than a wrapped title's two.
    expect((await lines.first().boundingBox())!.height).toBeLessThan(60);
    await expect(page.getByTestId("feed-count")).toHaveText(/^\d[\d,]* notices$|^More than 1,000 notices$/);

    // Oldest occurrence first: the dates of the first page ascend.
    await page.getByRole("link", { name: "Occurred: oldest" }).click();
    await expect(page).toHaveURL(/sort=occurred_asc/);
    await expect(page.getByRole("link", { name: "Occurred: oldest" })).toHaveAttribute("aria-current", "true");
    const days = await table.locator("time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")!).filter((d) => d.length === 10));
    expect(days.length).toBeGreaterThan(5);
    expect([...days].sort()).toEqual(days);
    // The next page keeps the order and the filters.
    const more = page.getByRole("link", { name: "More notices" });
    if (await more.count()) expect(await more.getAttribute("href")).toMatch(/sort=occurred_asc.*cursor=|cursor=.*sort=occurred_asc/);

    await page.getByRole("link", { name: "Cards" }).click();
    await expect(page).toHaveURL(/view=cards/);
    await expect(page.getByTestId("notice-list")).toBeVisible();
    // Applying a filter keeps the chosen order and view.
    await page.getByLabel("Kind").selectOption("seizure");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/kind=seizure/);
    await expect(page).toHaveURL(/sort=occurred_asc/);
    await expect(page).toHaveURL(/view=cards/);
  });

  test("screenshots in Russian at 1,280 and 390 px: one header row, nothing wider than the phone, the filters folded on the phone", async ({
    page,
  }, testInfo) => {
    await apiSignIn(page.request, "kg.analyst@example.org", DEMO_PASSWORD);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/feed");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Лента");
    expect((await page.locator("body header").first().boundingBox())!.height).toBeLessThan(ONE_ROW_PX);
    await keepScreenshot(page, testInfo, "feed-ru-1280");
    // On a wide screen the filters show without a click.
    await expect(page.getByLabel("Вид", { exact: true })).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/feed");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // On a phone they are folded under their summary, so the first notices fill the first screen.
    await expect(page.getByLabel("Вид", { exact: true })).toBeHidden();
    expect((await page.getByTestId("notice-line").nth(2).boundingBox())!.y).toBeLessThan(844);
    await keepScreenshot(page, testInfo, "feed-ru-390");
    await page.getByText("Фильтры ленты", { exact: true }).click();
    await expect(page.getByLabel("Вид", { exact: true })).toBeVisible();
    // A filter in use keeps them unfolded.
    await page.getByLabel("Вид", { exact: true }).selectOption("seizure");
    await page.getByRole("button", { name: "Применить фильтры" }).click();
    await expect(page).toHaveURL(/kind=seizure/);
    await expect(page.getByLabel("Вид", { exact: true })).toBeVisible();
  });
});

test("countries are sorted by their names in the reader's language", async ({ page, users }) => {
  await signInAnalyst(page, users);
  const collator = new Intl.Collator("en");
  const sorted = (names: string[]) => [...names].sort(collator.compare);
  await page.goto("/subscriptions");
  await page.getByRole("combobox", { name: "Countries", exact: true }).press("ArrowDown");
  const subscriptionCountries = await page.getByRole("listbox", { name: "Countries", exact: true }).getByRole("option").allTextContents();
  expect(subscriptionCountries.length).toBeGreaterThan(20);
  expect(subscriptionCountries).toEqual(sorted(subscriptionCountries));
  await page.goto("/feed");
  for (const group of await page.getByLabel("Country", { exact: true }).locator("optgroup").all()) {
    const names = await group.locator("option").allTextContents();
    expect(names).toEqual(sorted(names));
  }
});

test.describe("every page at 1,280 and 390 px under axe", () => {
  // Two widths of twenty-odd pages, each analysed by axe: minutes, not the usual seconds (the
  // administrator's list took 4.2 minutes on a loaded shared machine once the API pages joined it).
  test.describe.configure({ timeout: 360_000 });

  async function check(page: Page, paths: string[]) {
    for (const path of paths) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 844 });
        const response = await page.goto(path);
        expect(response?.status(), path).toBeLessThan(400);
        expect(await overflow(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
        await expectAccessible(page, `${path} at ${width} px`);
      }
    }
  }

  test("the sign-in page", async ({ page }) => {
    await check(page, ["/signin"]);
  });

  test("an analyst's pages", async ({ page, users }) => {
    await signInAnalyst(page, users);
    const notices = await noticeHrefs(page, 4);
    await check(page, [
      "/",
      "/feed",
      "/feed?view=cards",
      "/search?q=acetic",
      ...notices,
      "/notices/new",
      "/notices/new?kind=seizure",
      "/notices/new?kind=company",
      "/notices/new?kind=arrest",
      "/crossings",
      "/crossings/torugart",
      "/substances",
      "/substances/acetic-anhydride",
      "/agencies",
      "/provisions",
      "/map",
      "/trends",
      "/screening",
      "/deconfliction",
      "/outbox",
      "/notifications",
      "/profile",
      "/subscriptions",
      "/moderation/log",
      "/admin/audit/reads",
    ]);
  });

  test("a coordinator's and an administrator's pages", async ({ page, users }) => {
    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    await apiSignIn(page.request, coordinator.email, coordinator.password!);
    await check(page, ["/moderation", "/moderation/log", "/moderation/reference", "/admin/audit"]);
    await page.context().clearCookies();
    const admin = await users.create({ role: "admin", agencyId: "unodc-roca" });
    await apiSignIn(page.request, admin.email, admin.password!);
    await check(page, ["/admin/users", "/admin/agencies", "/admin/api-keys", "/api-reference", "/admin/mail", "/moderation/pre-moderation", "/admin/audit"]);
  });
});

import ru from "~/i18n/messages/ru/noticeForm.json" with { type: "json" };
import ruValidation from "~/i18n/messages/ru/validation.json" with { type: "json" };
import { apiSignIn, expect, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

test.describe("an AMBER seizure released to Kazakhstan", () => {
  test("reaches Kazakh customs, nobody in Tajikistan, and UNODC, which sees who read it", async ({ browser }) => {
    // A word no demo notice contains, so that search finds this notice and nothing else.
    const marker = `Sarybel${Date.now().toString(36)}`;
    const title = `Acetic anhydride in drums declared as paint thinner ${marker}`;

    // kg.analyst works in Russian: the form is driven through its Russian labels.
    const analyst = await (await browser.newContext()).newPage();
    await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
    await analyst.goto("/notices/new?kind=seizure");
    await analyst.getByLabel(ru.common.noticeTitle, { exact: true }).fill(title);
    await analyst.getByLabel(ru.common.narrative, { exact: true }).fill("Two trucks, **14 drums**; driver detained.");
    await analyst.getByLabel(ru.common.date).fill("2026-11-20");
    await analyst.getByLabel(ru.place.crossing).selectOption("torugart");
    await analyst.getByLabel(ru.seizure.substance).selectOption("acetic-anhydride");
    // As a Russian keyboard writes it: a decimal comma.
    await analyst.getByLabel(ru.seizure.quantity).fill("2,8");
    await analyst.getByLabel(ru.seizure.unit).selectOption("t");
    await analyst.locator('input[name="notice.tlp"][value="amber"]').check();
    await analyst.getByRole("group", { name: ru.marking.releaseCountries }).locator('input[value="KZ"]').check();
    await analyst.locator('input[name="notice.sourceReliability"][value="B"]').check();
    await analyst.locator('input[name="notice.infoCredibility"][value="2"]').check();
    await analyst.getByRole("button", { name: ru.actions.publish, exact: true }).click();
    await expect(analyst).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
    const url = new URL(analyst.url()).pathname;

    const kzChief = await (await browser.newContext()).newPage();
    await apiSignIn(kzChief.request, "kz.chief@example.org", PASSWORD);
    await kzChief.goto("/crossings/torugart");
    await kzChief.getByRole("link", { name: title }).click();
    await expect(kzChief.getByRole("heading", { level: 1 })).toHaveText(title);
    // The chief reads in English: the quantity typed as 2,8 is 2.8 t.
    await expect(kzChief.getByRole("cell", { name: "2.8 t", exact: true })).toBeVisible();
    await expect(kzChief.getByText("TLP:AMBER", { exact: true }).first()).toBeVisible();
    await kzChief.goto(`/search?q=${marker}`);
    await expect(kzChief.getByRole("link", { name: title })).toBeVisible();

    const tjChief = await (await browser.newContext()).newPage();
    await apiSignIn(tjChief.request, "tj.chief@example.org", PASSWORD);
    await tjChief.goto("/crossings/torugart");
    await expect(tjChief.getByText(title)).toHaveCount(0);
    await tjChief.goto("/feed?crossing=torugart");
    await expect(tjChief.getByText(title)).toHaveCount(0);
    await tjChief.goto(`/search?q=${marker}`);
    await expect(tjChief.getByText(title)).toHaveCount(0);
    const forbidden = await tjChief.goto(url);
    expect(forbidden?.status()).toBe(404);
    await expect(tjChief.getByText(title)).toHaveCount(0);

    const coordinator = await (await browser.newContext()).newPage();
    await apiSignIn(coordinator.request, "unodc.coordinator@example.org", PASSWORD);
    await coordinator.goto(url);
    await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(title);
    const readLog = coordinator.getByTestId("read-log");
    await expect(readLog).toContainText("Dana Seitkali");
    await expect(readLog).not.toContainText("Farrukh Nazarov");
  });
});

test("with JavaScript the notice form checks a field on leaving it and changes its rows without a reload", async ({ page }) => {
  await apiSignIn(page.request, "kg.analyst@example.org", PASSWORD);
  await page.goto("/notices/new?kind=seizure");
  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") requests.push(request.url());
  });
  const title = page.getByLabel(ru.common.noticeTitle, { exact: true });
  await title.fill("ab");
  await title.blur();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await title.fill("Acetic anhydride at Torugart");
  await expect(title).not.toHaveAttribute("aria-invalid");

  const item = (n: number) => page.getByRole("group", { name: ru.seizure.itemLabel.replace("{number}", String(n)), exact: true });
  await item(1).getByLabel(ru.seizure.quantity).fill("2.8");
  await page.getByRole("button", { name: ru.seizure.addItem }).click();
  await item(2).getByLabel(ru.seizure.quantity).fill("40");
  await item(1).getByRole("button").click();
  await expect(item(2)).toHaveCount(0);
  await expect(item(1).getByLabel(ru.seizure.quantity)).toHaveValue("40");
  await expect(title).toHaveValue("Acetic anhydride at Torugart");
  expect(requests).toEqual([]);
});

test("the form's checks (zod) come when the author starts on it; then a required field left empty says so at once, with nothing posted", async ({ page }) => {
  await apiSignIn(page.request, "kg.analyst@example.org", PASSWORD);
  const scripts: Promise<string>[] = [];
  const posts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text().catch(() => ""));
  });
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  // zod's error class keeps its name in the minified bundle.
  const zodScripts = async () => (await Promise.all(scripts)).filter((body) => body.includes("$ZodError")).length;

  await page.goto("/notices/new?kind=seizure");
  await page.waitForLoadState("networkidle");
  expect(await zodScripts()).toBe(0);

  const title = page.getByLabel(ru.common.noticeTitle, { exact: true });
  await title.focus();
  await page.keyboard.press("Tab");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title.locator("xpath=..").locator("[data-field-error]")).toHaveText(ruValidation.required);
  expect(await zodScripts()).toBeGreaterThan(0);
  expect(posts).toEqual([]);
});

test("a company alert's names bring up the similar alerts the author can read, one lookup per pause in typing", async ({ page }) => {
  await apiSignIn(page.request, "kg.analyst@example.org", PASSWORD);
  const lookups: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/notices.similarCompanies")) lookups.push(request.url());
  });
  await page.goto("/notices/new?kind=company");
  const similar = page.getByRole("region", { name: ru.similar.title });
  await expect(similar.getByRole("status")).toHaveText(ru.similar.start);

  const name = page.locator('input[name="notice.names[0].name"]');
  await name.pressSequentially("Tian Shan Chemical");
  await expect(similar.getByRole("link", { name: /Tian Shan Chemical Trading LLC/ })).toBeVisible();
  expect(lookups).toHaveLength(1);
  await name.fill("zzqx nothing like it");
  await expect(similar.getByRole("status")).toHaveText(ru.similar.none);
  await expect(similar.getByRole("link")).toHaveCount(0);
});

test("an arrest notification: a person without a name comes back to their group, then it is posted", async ({ page, users }) => {
  const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
  await apiSignIn(page.request, analyst.email, PASSWORD);
  await page.goto("/notices/new?kind=arrest");
  const title = `Courier detained at Torugart ${Date.now().toString(36)}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Date").fill("2026-11-22");
  await page.getByLabel("Crossing or terminal").selectOption("torugart");
  const person = page.getByRole("group", { name: "Person 1", exact: true });
  await person.getByLabel("Role").selectOption("courier");
  await page.locator('input[name="notice.tlp"][value="amber"]').check();
  await page.getByRole("group", { name: "Release to member countries" }).locator('input[value="KZ"]').check();
  await page.locator('input[name="notice.sourceReliability"][value="B"]').check();
  await page.locator('input[name="notice.infoCredibility"][value="2"]').check();
  await page.locator('input[name="notice.arrestStatus"][value="detained"]').check();
  await page.getByRole("button", { name: "Publish", exact: true }).click();

  const names = person.getByRole("group", { name: "Name", exact: true });
  await expect(names).toHaveAccessibleDescription(/Give the person's name in at least one script\./);
  await expect(page).toHaveURL(/\/notices\/new\?kind=arrest$/);
  await names.getByLabel("Latin").fill("Aziz Karimov");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("notice")).toContainText("Aziz Karimov");
});

import ru from "~/i18n/messages/ru/noticeForm.json" with { type: "json" };
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
    await analyst.getByLabel(ru.seizure.quantity).fill("2.8");
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

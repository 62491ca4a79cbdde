import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { seizureInput } from "~/tests/notices";
import { expectAccessible } from "./support/axe";
import { apiSignIn, expect, test, trpcMutate, type TestUsers } from "./support/fixtures";

// The regional picture: the map and the trends, read as the border posts read them (no script).
test.use({ javaScriptEnabled: false });

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A Kyrgyz customs analyst reading in English, who has just posted a CLEAR seizure at Torugart (so
 * the period has one; the demo's Kazakh customs sends its analysts' notices to a chief first).
 */
async function analystWithSeizure(page: Page, users: TestUsers) {
  const user = await users.create({ role: "analyst", agencyId: "kg-customs", locale: "en" });
  await apiSignIn(page.request, user.email, user.password!);
  await trpcMutate(page.request, "notices.create", {
    idempotencyKey: crypto.randomUUID(),
    asDraft: false,
    notice: seizureInput({ title: "Drums at Torugart", occurredOn: today(), concealment: "False floor" }),
  });
}

/** No serious or critical WCAG violation (axe), and nothing wider than the window. */
async function accessible(page: Page, where: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), where).toBeLessThanOrEqual(0);
  await expectAccessible(page, where);
}

test.describe("the regional picture, without JavaScript", () => {
  test.describe.configure({ timeout: 120_000 });

  test("the map links Torugart to its page and counts its notices in the table beside it", async ({ page, users }) => {
    await analystWithSeizure(page, users);
    await page.goto("/");
    await page.getByRole("navigation", { name: /./ }).first().getByRole("link", { name: "Map", exact: true }).click();
    await expect(page).toHaveURL(/\/map$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Map of the crossings");
    const row = page.getByTestId("map-row-torugart");
    await expect(row.getByRole("cell").last()).toHaveText(/^[1-9]\d*$/);
    const marker = page.locator('svg a[href="/crossings/torugart"]');
    await expect(marker).toHaveAttribute("aria-label", /^Torugart: \d+ notices? \(Open\)$/);
    await marker.click();
    await expect(page).toHaveURL(/\/crossings\/torugart$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Torugart");

    // A period with nothing in it: every crossing at 0.
    await page.goto("/map?from=1990-01-01&to=1990-12-31");
    await expect(page.getByTestId("map-total")).toHaveText(/^No notices at crossings/);
  });

  test("the trends show their numbers as a table and download as CSV headed with the marking", async ({ page, users }) => {
    await analystWithSeizure(page, users);
    await page.goto("/trends");
    await page.getByLabel("Crossing").selectOption("torugart");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/trends\?crossing=torugart&/);
    const table = page.getByRole("region", { name: "Per month, in numbers" }).getByRole("table");
    await expect(table.getByRole("columnheader")).toHaveText(["Month", "Notices", "Seized (kg)"]);
    await expect(table.getByRole("row")).toHaveCount(13);
    await expect(page.getByTestId("trend-totals")).toContainText(/\d+ notices?, [\d,.]+ kg seized/);
    await expect(page.getByRole("region", { name: "Most frequent concealment methods" })).toContainText("False floor");
    await expect(page.locator('svg[aria-label="Notices per month"]')).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tianshan-trends-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toMatch(/^TLP:(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)$/);
    expect(lines[1]).toBe("series,key,notices,seized_kg");
    expect(lines[2]).toMatch(/^total,all,[1-9]\d*,/);
    expect(lines.some((line) => line.startsWith("concealment,False floor,"))).toBe(true);

    // Over more than three years a bar and a row per month no longer read: they count per year.
    await page.goto("/trends?crossing=torugart&from=2000-01-01&to=2026-12-31");
    const years = page.getByRole("region", { name: "Per year, in numbers" }).getByRole("table");
    await expect(years.getByRole("columnheader")).toHaveText(["Year", "Notices", "Seized (kg)"]);
    await expect(years.getByRole("row")).toHaveCount(1 + 27);
    await expect(years.getByRole("rowheader").first()).toHaveText("2000");
    await expect(page.locator('svg[aria-label="Notices per year"]')).toBeVisible();
  });
});

test.describe("the regional picture under axe", () => {
  test.describe.configure({ timeout: 120_000 });
  // axe runs in the page.
  test.use({ javaScriptEnabled: true });

  test("both pages pass axe at 1,280 and 390 px", async ({ page, users }) => {
    await analystWithSeizure(page, users);
    for (const path of ["/map", "/trends?crossing=torugart"]) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 844 });
        expect((await page.goto(path))?.status()).toBe(200);
        await accessible(page, `${path} at ${width} px`);
      }
    }
  });
});

import type { Page } from "@playwright/test";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { apiSignIn, expect, test } from "./support/fixtures";

/** Whether the page is wider than the window (a horizontal scroll bar on a phone). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe("home per role", () => {
  test("kz.chief's home shows Khorgos, the duty station, with its latest notices, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await apiSignIn(context.request, "kz.chief@example.org", DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto("/");
    const khorgos = page.locator('[data-testid="home-crossing"][data-crossing="khorgos"]');
    await expect(khorgos.locator("h3").getByRole("link")).toHaveAttribute("href", "/crossings/khorgos");
    await expect(khorgos.locator("h3")).toContainText(/Khorgos|Хоргос/);
    // The RED source report addressed to this chief, and the couriers' arrest his agency released.
    expect(await khorgos.getByTestId("home-line").count()).toBeGreaterThan(0);
    await expect(page.getByTestId("home-alerts").getByTestId("home-line")).not.toHaveCount(0);
    await expect(page.getByTestId("home-waiting")).toBeVisible();
    await context.close();
  });

  test("an analyst sees the agency's latest, drafts and releases waiting; a coordinator the queue and quiet agencies", async ({ page }) => {
    await apiSignIn(page.request, "kg.analyst@example.org", DEMO_PASSWORD);
    await page.goto("/");
    await expect(page.getByTestId("home-recent").getByTestId("home-line")).not.toHaveCount(0);
    // The Naryn draft is this analyst's own.
    await expect(page.getByTestId("home-drafts")).toContainText("Naryn");
    await expect(page.getByTestId("home-expiring")).toBeVisible();

    await page.context().clearCookies();
    await apiSignIn(page.request, "unodc.coordinator@example.org", DEMO_PASSWORD);
    await page.goto("/");
    await expect(page.getByTestId("home-queue")).toBeVisible();
    await expect(page.getByTestId("home-quiet")).toBeVisible();
  });

  test("fits 390 and 1,920 px in Russian, English and Chinese for each role", async ({ page, users }) => {
    test.setTimeout(90_000);
    for (const locale of ["ru", "en", "zh"] as const) {
      for (const [role, agencyId] of [
        ["analyst", "kz-sgd-customs"],
        ["chief", "kz-sgd-customs"],
        ["coordinator", "unodc-roca"],
      ] as const) {
        const user = await users.create({ role, agencyId, locale });
        await page.context().clearCookies();
        await apiSignIn(page.request, user.email, user.password!);
        for (const width of [390, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto("/");
          await expect(page.getByTestId("viewer-line")).toBeVisible();
          expect(await overflow(page), `${role} in ${locale} at ${width} px`).toBeLessThanOrEqual(0);
        }
      }
    }
  });
});

import type { Page } from "@playwright/test";
import { apiSignIn, expect, test } from "./support/fixtures";

// Issue #16: a Russian query in its genitive finds the English-language Torugart seizure through
// the reference data, the recognised substance shows as a chip, a facet narrows by crossing, and
// the address alone reproduces the view.

const SEIZURE = "2.4 t of acetic anhydride in barrels declared as paint thinner, Torugart";

async function expectNarrowedView(page: Page) {
  const chips = page.getByTestId("chips");
  await expect(chips).toContainText("Substance: Acetic anhydride");
  await expect(chips).toContainText("Crossing: Torugart");
  await expect(page.getByRole("link", { name: SEIZURE })).toBeVisible();
  // Every result is at Torugart now: no other crossing is offered.
  await expect(page.getByTestId("facets").getByRole("heading", { name: "Crossing" })).toHaveCount(0);
}

/**
 * The seizure among the results, newest first: the other specs of the suite post acetic anhydride
 * seizures of their own, which may put the demo's Torugart one past the first page.
 */
async function expectAmongResults(page: Page, name: string) {
  for (let pages = 1; pages < 5 && (await page.getByRole("link", { name }).count()) === 0; pages++) {
    const before = page.url();
    await page.getByRole("link", { name: "More results" }).click();
    await page.waitForURL((url) => url.toString() !== before);
  }
  await expect(page.getByRole("link", { name })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("kz.chief finds the English Torugart seizure by «уксусного ангидрида», narrows by crossing, and the address reproduces it", async ({
      page,
      context,
    }) => {
      await apiSignIn(page.request, "kz.chief@example.org", "precursor-demo-2026");
      await page.goto("/search");
      await page.getByRole("searchbox", { name: "Search notices" }).fill("уксусного ангидрида");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.waitForURL(/\/search\?q=/);

      await expect(page.getByTestId("chips")).toContainText("Substance: Acetic anhydride");
      await expect(page.getByTestId("result-count")).toContainText(/\d+ notices?/);
      await expectAmongResults(page, SEIZURE);

      await page
        .getByTestId("facets")
        .getByRole("link", { name: /^Torugart \(\d+\)$/ })
        .click();
      await page.waitForURL(/crossing=torugart/);
      await expectNarrowedView(page);
      const count = await page.getByTestId("result-count").textContent();

      const again = await context.newPage();
      await again.goto(page.url());
      await expectNarrowedView(again);
      await expect(again.getByTestId("result-count")).toHaveText(count!);
      await expect(again.getByRole("searchbox", { name: "Search notices" })).toHaveValue("уксусного ангидрида");

      // Removing the substance chip searches its words as words; the crossing stays.
      await again.getByRole("link", { name: "Remove Substance: Acetic anhydride" }).click();
      await again.waitForURL(/words=substance/);
      await expect(again.getByTestId("chips")).not.toContainText("Substance");
      await expect(again.getByTestId("chips")).toContainText("Crossing: Torugart");
    });
  });
}

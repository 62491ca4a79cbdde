import { DEMO_PASSWORD } from "~/db/seed/factories";
import agencyData from "~/db/seed/data/agencies.json" with { type: "json" };
import { DEMO_USERS } from "~/db/seed/demo";
import { expect, signInWithForm, test } from "./support/fixtures";

// Each demo user reads the app in their own language, so their agency's name is in it too.
function agencyNameFor(demo: (typeof DEMO_USERS)[number]): string {
  const agency = agencyData.agencies.find((a) => a.id === demo.agencyId)!;
  if (demo.locale === "ru") return agency.name_ru;
  if (demo.locale === "zh") return agency.name_zh ?? agency.name_en;
  return agency.name_en;
}

test.describe("sign-in page", () => {
  for (const demo of DEMO_USERS) {
    test(`${demo.email} signs in and sees their name and agency`, async ({ page }) => {
      await signInWithForm(page, demo.email, DEMO_PASSWORD);
      await expect(page.getByTestId("viewer-name")).toHaveText(demo.name);
      await expect(page.getByTestId("viewer-agency")).toHaveText(agencyNameFor(demo));
    });
  }

  test("a wrong password and an unknown email get the same message, and the email stays typed", async ({ page }) => {
    await signInWithForm(page, "kz.chief@example.org", "wrong-password-wrong-password");
    const message = page.locator("[data-form-error]");
    await expect(message).toHaveText("The email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue("kz.chief@example.org");

    await signInWithForm(page, "nobody@example.org", DEMO_PASSWORD);
    await expect(message).toHaveText("The email or password is incorrect.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("signed-out visitors are sent to the sign-in page, and signing out ends the session", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await signInWithForm(page, "tj.chief@example.org", DEMO_PASSWORD);
    await expect(page.getByTestId("viewer-name")).toHaveText("Farrukh Nazarov");
    // Signing out is in the account menu of the header.
    await page.getByTestId("current-user").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });
});

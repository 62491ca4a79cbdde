import { DEMO_PASSWORD } from "~/db/seed/factories";
import { expect, test, totpCode } from "./support/fixtures";

// The border posts' old PCs and broken links: every action must work as a plain HTML form.
test.use({ javaScriptEnabled: false });

test.describe("without JavaScript", () => {
  test("a coordinator signs in and passes the second factor, and the password never appears in an address", async ({ page, users }) => {
    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    const wrongPassword = "wrong-password-Zq8!";
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));

    await page.goto("/signin?callbackUrl=%2Ffeed");
    await expect(page.locator("form").first()).toHaveAttribute("method", /^post$/i);
    await page.getByLabel("Email").fill(coordinator.email);
    await page.getByLabel("Password").fill(wrongPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("[data-form-error]")).toHaveText("The email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue(coordinator.email);

    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/mfa\?callbackUrl=%2Ffeed$/);

    await page.getByLabel("Six-digit code").fill("000000" === totpCode() ? "111111" : "000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("[data-field-error]")).toHaveText("This code is not valid, or was already used. Wait for the next one.");

    await page.getByLabel("Six-digit code").fill(totpCode());
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/feed$/);
    await expect(page.getByTestId("current-user")).toBeVisible();

    for (const password of [wrongPassword, DEMO_PASSWORD]) {
      const forms = [password, encodeURIComponent(password), new URLSearchParams({ p: password }).toString().slice(2)];
      expect(requested.filter((url) => forms.some((form) => url.includes(form)))).toEqual([]);
    }
  });

  test("credentials put in a sign-in address are never used and leave the address at once", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const query = new URLSearchParams({ email: analyst.email, password: DEMO_PASSWORD, callbackUrl: "/feed" });
    await page.goto(`/signin?${query}`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffeed$/);
    await page.goto("/feed");
    await expect(page).toHaveURL(/\/signin/);
  });
});

import { DEMO_PASSWORD } from "~/db/seed/factories";
import { expect, signInWithForm, test } from "./support/fixtures";

// As an attacker writes them into a link to the sign-in page (issue 13, item 8).
const HOSTILE = ["/%5Cevil.example/x", "/%09/evil.example/x", "/%5C/evil.example/x", "//evil.example/x", "https://evil.example/x", "/%0A/evil.example/x"];

test.describe("the return address after sign-in stays on the site", () => {
  // Nothing may actually be fetched from elsewhere: a navigation there is recorded and stopped.
  test.beforeEach(async ({ page }) => {
    await page.route(
      (url) => url.hostname.endsWith("evil.example"),
      (route) => route.abort(),
    );
  });

  for (const callback of HOSTILE) {
    test(`after signing in with callbackUrl=${callback}`, async ({ page, users, baseURL }) => {
      const user = await users.create({ role: "chief", agencyId: "kz-sgd-customs" });
      const leftFor: string[] = [];
      page.on("request", (request) => {
        if (request.isNavigationRequest() && !request.url().startsWith(baseURL!)) leftFor.push(request.url());
      });
      await page.goto(`/signin?callbackUrl=${callback}`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("current-user")).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(leftFor).toEqual([]);
    });
  }

  test("on a signed-in visit to the sign-in page", async ({ page, users, baseURL }) => {
    const user = await users.create({ role: "chief", agencyId: "kz-sgd-customs" });
    await signInWithForm(page, user.email, DEMO_PASSWORD);
    for (const callback of HOSTILE) {
      const response = await page.request.get(`/signin?callbackUrl=${callback}`, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      expect(new URL(location, baseURL).origin, callback).toBe(new URL(baseURL!).origin);
      await page.goto(`/signin?callbackUrl=${callback}`);
      expect(new URL(page.url()).origin, callback).toBe(new URL(baseURL!).origin);
    }
    // A path of ours is kept.
    await page.goto("/signin?callbackUrl=/notifications");
    await expect(page).toHaveURL(/\/notifications$/);
  });
});

import { DEMO_PASSWORD } from "~/db/seed/factories";
import { apiSignIn, expect, test, totpCode } from "./support/fixtures";

async function signInToSecondStep(page: import("@playwright/test").Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mfa$/);
}

test.describe("second factor", () => {
  test("a coordinator's session reaches nothing before the code, whatever the request claims", async ({ page, users }) => {
    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    await signInToSecondStep(page, coordinator.email);

    // Pages send it back to the step; procedures refuse it; the CVE-2025-29927 header and RSC
    // variants change nothing, because no authorization lives in the proxy.
    const variants: Record<string, string>[] = [{}, { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }];
    for (const headers of variants) {
      await page.setExtraHTTPHeaders(headers);
      await page.goto("/feed");
      await expect(page).toHaveURL(/\/mfa$/);
      expect((await page.request.get("/api/trpc/viewer.me", { headers })).status()).toBe(401);
    }
    await page.setExtraHTTPHeaders({});
    const flightVariants: Record<string, string>[] = [{ RSC: "1" }, { RSC: "1", "Next-Router-Prefetch": "1" }];
    for (const headers of flightVariants) {
      const flight = await page.request.get("/feed?_rsc=probe", { headers, maxRedirects: 0 });
      expect(await flight.text()).not.toContain(coordinator.name);
    }
    await page.goto("/mfa");

    await page.getByLabel("Six-digit code").fill("000000" === totpCode() ? "111111" : "000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("[data-field-error]")).toBeVisible();

    await page.getByLabel("Six-digit code").fill(totpCode());
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.goto("/feed");
    await expect(page).toHaveURL(/\/feed/);
  });

  test("an agency admin without an authenticator enrols on first sign-in and gets recovery codes", async ({ page, users }) => {
    const agencyAdmin = await users.create({ role: "agency_admin", agencyId: "kz-sgd-customs", authenticator: false });
    await signInToSecondStep(page, agencyAdmin.email);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    const { authenticator } = await import("otplib");
    await page.getByLabel("Six-digit code").fill(authenticator.generate(secret));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
  });

  test("a signed-in analyst enrols from the profile and sees the recovery codes, still signed in", async ({ browser, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kz-sgd-customs", authenticator: false });
    const context = await browser.newContext();
    await apiSignIn(context.request, analyst.email, DEMO_PASSWORD);
    const page = await context.newPage();
    await page.goto("/profile");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    const { authenticator } = await import("otplib");
    await page.getByLabel("Six-digit code").fill(authenticator.generate(secret));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
    await expect(page.getByTestId("current-user")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("mfa-status")).toHaveText("Two-step verification is on.");
    await context.close();
  });

  test("the profile shows the second factor and signs out everywhere", async ({ browser, users }) => {
    const admin = await users.create({ role: "admin", agencyId: "unodc-roca" });
    const laptop = await browser.newContext();
    const desktop = await browser.newContext();
    for (const context of [laptop, desktop]) await apiSignIn(context.request, admin.email, DEMO_PASSWORD);
    const page = await desktop.newPage();
    await page.goto("/profile");
    await expect(page.getByTestId("mfa-status")).toHaveText("Two-step verification is on.");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await laptop.request.get("/api/trpc/viewer.me")).status()).toBe(401);
    await laptop.close();
    await desktop.close();
  });
});

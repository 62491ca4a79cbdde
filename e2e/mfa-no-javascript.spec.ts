import { authenticator } from "otplib";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { expect, test } from "./support/fixtures";

// Enrolment is the one step a new agency admin cannot skip: it must work as plain HTML forms.
test.use({ javaScriptEnabled: false });

test("without JavaScript, an agency admin enrols, sees the recovery codes once, and lands signed in", async ({ page, users }) => {
  const agencyAdmin = await users.create({ role: "agency_admin", agencyId: "kz-sgd-customs", authenticator: false });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(agencyAdmin.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mfa$/);

  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(page.url()).not.toContain(secret);

  const right = authenticator.generate(secret);
  await page.getByLabel("Six-digit code").fill(right === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator("[data-field-error]")).toBeVisible();
  // The same secret is shown again, next to the refusal.
  await expect(page.getByTestId("totp-secret")).toHaveText(secret);

  await page.getByLabel("Six-digit code").fill(authenticator.generate(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const first = (await codes.first().textContent())!;
  expect(page.url()).not.toContain(first);

  // Shown once: a reload (posting again or not) does not bring them back.
  await page.reload();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
  await expect(page.getByTestId("current-user")).toBeVisible();

  await page.goto("/profile");
  await expect(page.getByTestId("mfa-status")).toHaveText("Two-step verification is on.");
});

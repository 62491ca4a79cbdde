import { randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test, totpCode, trpcMutate } from "./support/fixtures";

/** A page of a browser without JavaScript, signed in through the API (the sign-in page is tested above). */
async function pageWithoutScript(browser: Browser, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await apiSignIn(context.request, email, DEMO_PASSWORD);
  return context.newPage();
}

/** A published seizure (or one waiting for its chief, in an agency that requires release) by `email`. */
async function seizureBy(browser: Browser, email: string, title: string): Promise<string> {
  const context = await browser.newContext();
  await apiSignIn(context.request, email, DEMO_PASSWORD);
  const created = (await trpcMutate(context.request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice: seizureInput({ title }) })) as { id: string };
  await context.close();
  return created.id;
}

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

  test("a member watches a notice and stops watching it", async ({ browser, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const id = await seizureBy(browser, analyst.email, `Watched without script ${randomUUID().slice(0, 8)}`);
    const page = await pageWithoutScript(browser, analyst.email);
    await page.goto(`/notices/${id}`);
    const watch = page.getByTestId("watch");
    await watch.getByLabel("Delivery").selectOption("daily");
    await watch.getByRole("button", { name: "Watch this notice" }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${id}$`));
    await expect(watch).toContainText("Watching: Daily digest (07:00)");
    await watch.getByRole("button", { name: "Stop watching" }).click();
    await expect(watch.getByRole("button", { name: "Watch this notice" })).toBeVisible();
  });

  test("a reader reports a notice to the coordinators", async ({ browser, users }) => {
    const author = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const reader = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const id = await seizureBy(browser, author.email, `Reported without script ${randomUUID().slice(0, 8)}`);
    const page = await pageWithoutScript(browser, reader.email);
    await page.goto(`/notices/${id}`);
    await page.getByRole("button", { name: "Report to coordinators" }).click();
    await page.getByLabel("Why").selectOption("personal_data");
    await page.getByLabel("Details (optional)").fill("A name that should not be shared.");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${id}\\?done=reported$`));
    await expect(page.getByTestId("report-sent")).toBeVisible();
  });

  test("an analyst links a notice to another by its address, keeping what was pasted when it is wrong, and unlinks it", async ({ browser, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const otherTitle = `Linked without script ${randomUUID().slice(0, 8)}`;
    const id = await seizureBy(browser, analyst.email, `Linking without script ${randomUUID().slice(0, 8)}`);
    const otherId = await seizureBy(browser, analyst.email, otherTitle);
    const page = await pageWithoutScript(browser, analyst.email);
    await page.goto(`/notices/${id}`);
    await page.getByLabel("Notice to link").fill("not a notice");
    await page.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page.getByLabel("Notice to link")).toHaveValue("not a notice");
    await expect(page.locator("[data-field-error]")).toBeVisible();

    await page.getByLabel("Notice to link").fill(`http://example.org/notices/${otherId}`);
    await page.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${id}$`));
    await expect(page.getByRole("link", { name: otherTitle })).toBeVisible();
    await page.getByRole("button", { name: "Unlink" }).click();
    await expect(page.getByRole("link", { name: otherTitle })).toHaveCount(0);
  });

  test("a chief releases a pending notice", async ({ browser, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const chief = await users.create({ role: "chief", agencyId: "kz-sgd-customs" });
    const id = await seizureBy(browser, analyst.email, `Waiting for the chief ${randomUUID().slice(0, 8)}`);
    const page = await pageWithoutScript(browser, chief.email);
    await page.goto(`/notices/${id}`);
    await expect(page.getByTestId("notice")).toContainText("Awaiting release");
    await page.getByRole("button", { name: "Release", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${id}\\?done=released$`));
    await expect(page.getByRole("status").filter({ hasText: "Released." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Release", exact: true })).toHaveCount(0);
  });

  test("a coordinator requests changes, and a missing reason comes back next to its field", async ({ browser, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    const id = await seizureBy(browser, analyst.email, `To be sent back ${randomUUID().slice(0, 8)}`);
    const page = await pageWithoutScript(browser, coordinator.email);
    await page.goto(`/moderation/${id}`);
    const panel = page.getByTestId("decision-panel");
    await panel.getByLabel("For how many days").fill("3");
    await panel.getByRole("button", { name: "Request changes" }).click();
    await expect(panel.locator("[data-field-error]")).toBeVisible();
    await expect(panel.getByLabel("For how many days")).toHaveValue("3");

    await panel.getByLabel("Reason", { exact: true }).fill("The quantity does not match the photo");
    await panel.getByRole("button", { name: "Request changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/moderation/${id}\\?done=requestChanges$`));
    await expect(page.getByTestId("decision-done")).toHaveText("Sent back to the author.");
    await expect(page.getByTestId("review")).toContainText("Changes requested");
  });
});

import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { noticeRecipients, notices } from "~/db/schema";
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
  const created = (await trpcMutate(context.request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice: seizureInput({ title }) })) as {
    id: string;
  };
  await context.close();
  return created.id;
}

/** An item row of the notice form. */
const itemOf = (page: Page, n: number) => page.getByRole("group", { name: `Item ${n}`, exact: true });

/** A seizure of two items, marked AMBER for Kazakhstan, typed in full but for its title. */
async function fillAllButTheTitle(page: Page) {
  const item = (n: number) => itemOf(page, n);
  await page.getByLabel("Date").fill("2026-11-20");
  await page.getByLabel("Crossing or terminal").selectOption("torugart");
  await item(1).getByLabel("Substance").selectOption("acetic-anhydride");
  await item(1).getByLabel("Quantity").fill("2.8");
  await item(1).getByLabel("Unit").selectOption("t");
  await item(2).getByLabel("Description (optional)").fill("Blue drums, contents unknown");
  await item(2).getByLabel("Quantity").fill("40");
  await item(2).getByLabel("Unit").selectOption("L");
  await page.getByLabel("Declared as").fill("corn oil");
  await page.getByLabel("Conveyance").selectOption("truck");
  await page.locator('input[name="notice.tlp"][value="amber"]').check();
  await page.locator('input[name="notice.releaseCountryCodes"][value="KZ"]').check();
  await page.locator('input[name="notice.sourceReliability"][value="B"]').check();
  await page.locator('input[name="notice.infoCredibility"][value="2"]').check();
}

/** Every value `fillAllButTheTitle` typed, as the refused post's page shows it again. */
async function expectKeptAsTyped(page: Page) {
  const item = (n: number) => itemOf(page, n);
  await expect(page.getByLabel("Narrative", { exact: true })).toHaveValue("Two trucks, **14 drums**; driver detained.");
  await expect(page.getByLabel("Date")).toHaveValue("2026-11-20");
  await expect(page.getByLabel("Crossing or terminal")).toHaveValue("torugart");
  await expect(item(1).getByLabel("Substance")).toHaveValue("acetic-anhydride");
  await expect(item(1).getByLabel("Quantity")).toHaveValue("2.8");
  await expect(item(1).getByLabel("Unit")).toHaveValue("t");
  await expect(item(2).getByLabel("Substance")).toHaveValue("");
  await expect(item(2).getByLabel("Description (optional)")).toHaveValue("Blue drums, contents unknown");
  await expect(item(2).getByLabel("Quantity")).toHaveValue("40");
  await expect(item(2).getByLabel("Unit")).toHaveValue("L");
  await expect(page.getByLabel("Declared as")).toHaveValue("corn oil");
  await expect(page.getByLabel("Conveyance")).toHaveValue("truck");
  for (const [name, value] of [
    ["tlp", "amber"],
    ["releaseCountryCodes", "KZ"],
    ["sourceReliability", "B"],
    ["infoCredibility", "2"],
  ])
    await expect(page.locator(`input[name="notice.${name}"][value="${value}"]`)).toBeChecked();
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
});

test.describe("without JavaScript, a notice's actions", () => {
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
});

test.describe("without JavaScript, posting a notice", () => {
  test("an analyst posts a seizure: a refused post keeps every typed value with the message at its field, and a resent post is one notice", async ({
    browser,
    users,
    db,
  }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const title = `Drums at Torugart without script ${randomUUID().slice(0, 8)}`;
    const page = await pageWithoutScript(browser, analyst.email);
    await page.goto("/notices/new?kind=seizure");
    await expect(page.locator("form#notice-form")).toHaveAttribute("method", /^post$/i);

    // A second item row is asked of the server, which answers with the form as it was typed.
    await page.getByLabel("Narrative", { exact: true }).fill("Two trucks, **14 drums**; driver detained.");
    await page.getByRole("button", { name: "Add an item" }).click();
    await expect(page.getByLabel("Narrative", { exact: true })).toHaveValue("Two trucks, **14 drums**; driver detained.");
    const item = (n: number) => itemOf(page, n);
    await expect(item(2)).toBeVisible();

    await fillAllButTheTitle(page);
    await page.getByRole("button", { name: "Publish", exact: true }).click();

    const titleField = page.getByLabel("Title", { exact: true });
    await expect(titleField).toHaveAttribute("aria-invalid", "true");
    await expect(titleField).toHaveAccessibleDescription(/This field is required\./);
    await expect(page.locator("[data-error-summary]")).toContainText("Title: This field is required.");
    await expectKeptAsTyped(page);

    await titleField.fill(title);
    const posted = page.waitForRequest((request) => request.method() === "POST" && request.url().includes("/notices/new"));
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("notice")).toContainText("Blue drums, contents unknown");

    // The same post again (a double click, a resent form on a broken link): the same notice.
    const request = await posted;
    const again = await page.request.fetch(request.url(), {
      method: "POST",
      headers: await request.allHeaders(),
      data: request.postDataBuffer()!,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toContain(`/notices/${id}`);
    expect(await db.select({ id: notices.id }).from(notices).where(eq(notices.title, title))).toEqual([{ id }]);

    // Edited without script from the version it shows: a row removed, the title changed.
    await page.goto(`/notices/${id}/edit`);
    await expect(item(2).getByLabel("Description (optional)")).toHaveValue("Blue drums, contents unknown");
    await page.getByRole("button", { name: "Remove Item 1" }).click();
    await expect(item(2)).toHaveCount(0);
    await expect(item(1).getByLabel("Description (optional)")).toHaveValue("Blue drums, contents unknown");
    await page.getByLabel("Title", { exact: true }).fill(`${title}, edited`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title}, edited`);
    await expect(page.getByTestId("notice")).not.toContainText("Acetic anhydride");
  });

  test("an analyst names TLP:RED recipients by their email addresses, an unknown one coming back next to its field", async ({ browser, users, db }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const recipient = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const title = `Red without script ${randomUUID().slice(0, 8)}`;
    const page = await pageWithoutScript(browser, analyst.email);
    await page.goto("/notices/new?kind=seizure");
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Date").fill("2026-11-21");
    await page.getByLabel("Crossing or terminal").selectOption("torugart");
    await page.getByLabel("Quantity").fill("5");
    await page.locator('input[name="notice.tlp"][value="red"]').check();
    await page.locator('input[name="notice.sourceReliability"][value="A"]').check();
    await page.locator('input[name="notice.infoCredibility"][value="1"]').check();
    const emails = page.getByLabel("Recipients' email addresses");
    await emails.fill(`nobody-${randomUUID()}@example.org\n${recipient.email.toUpperCase()}`);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(emails).toHaveAccessibleDescription(/No active user of the platform has one of these addresses/);
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);

    await emails.fill(recipient.email);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page).toHaveURL(/\/notices\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    expect(await db.select({ userId: noticeRecipients.userId }).from(noticeRecipients).where(eq(noticeRecipients.noticeId, id))).toEqual([
      { userId: recipient.id },
    ]);
  });
});

test.describe("without JavaScript, a notice's decisions", () => {
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

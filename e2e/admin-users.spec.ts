import { apiSignIn, expect, test } from "./support/fixtures";

test.describe("user administration", () => {
  test("an admin disables a user, and that user's open session is refused at its next request", async ({ browser, users }) => {
    const officer = await users.create({ role: "analyst", agencyId: "tj-customs" });
    const officerContext = await browser.newContext();
    const officerPage = await officerContext.newPage();
    await apiSignIn(officerPage.request, officer.email, officer.password!);
    await officerPage.goto("/");
    await expect(officerPage.getByTestId("viewer-name")).toHaveText(officer.name);

    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await apiSignIn(adminPage.request, "admin@example.org", "precursor-demo-2026");
    await adminPage.goto("/admin/users");
    const row = adminPage.getByRole("row").filter({ hasText: officer.email });
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();

    // Same cookie, next request: the page sends them to sign in, the API answers 401.
    await officerPage.reload();
    await expect(officerPage).toHaveURL(/\/signin/);
    const api = await officerPage.request.get("/api/trpc/viewer.me");
    expect(api.status()).toBe(401);
    await officerContext.close();
    await adminContext.close();
  });

  test("an agency admin sees only their own agency's users", async ({ page, users }) => {
    const own = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const foreign = await users.create({ role: "analyst", agencyId: "kg-customs" });
    await apiSignIn(page.request, "kz.agencyadmin@example.org", "precursor-demo-2026");
    await page.goto("/admin/users");
    await expect(page.getByRole("row").filter({ hasText: own.email })).toBeVisible();
    await expect(page.getByText(foreign.email)).toHaveCount(0);
  });

  test("an analyst gets 404 on the administration pages", async ({ page }) => {
    await apiSignIn(page.request, "kg.analyst@example.org", "precursor-demo-2026");
    for (const path of ["/admin/users", "/admin/agencies"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test("bad input in the invitation form gets localized errors next to the fields, and what was typed stays", async ({ page, users }) => {
    const admin = await users.create({ role: "admin", agencyId: "unodc-roca", locale: "ru" });
    await apiSignIn(page.request, admin.email, admin.password!);
    await page.goto("/admin/users");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Пригласить", exact: true }) });
    await form.getByLabel("Эл. почта").fill("not-an-email");
    await form.getByLabel("Имя").fill("Азамат Исаев");
    await form.getByRole("button", { name: "Пригласить", exact: true }).click();
    await expect(form.getByText("Введите правильный адрес эл. почты.")).toBeVisible();
    await expect(form.getByLabel("Эл. почта")).toHaveValue("not-an-email");
    await expect(form.getByLabel("Имя")).toHaveValue("Азамат Исаев");
  });

  test("an invitee sets a password (too short first) and signs in", async ({ page, browser }) => {
    await apiSignIn(page.request, "admin@example.org", "precursor-demo-2026");
    await page.goto("/admin/users");
    const email = `invitee-${Date.now()}@example.org`;
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Invite user" }) });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Kanat Invitee");
    await form.getByLabel("Agency").selectOption("kg-customs");
    await form.getByLabel("Role").selectOption("chief");
    await form.getByRole("button", { name: "Invite user" }).click();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByLabel("Password", { exact: true }).fill("too-short");
    await invitee.getByLabel("Confirm password").fill("too-short");
    await invitee.getByRole("button", { name: "Activate account" }).click();
    await expect(invitee.getByText("Enter at least 15 characters.")).toBeVisible();
    await invitee.getByLabel("Password", { exact: true }).fill("a long enough pass phrase");
    await invitee.getByLabel("Confirm password").fill("a long enough pass phrase");
    await invitee.getByRole("button", { name: "Activate account" }).click();
    await expect(invitee).toHaveURL(/\/signin\?activated=1$/);
    await expect(invitee.getByRole("status")).toContainText("Your account is active");
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByLabel("Password").fill("a long enough pass phrase");
    await invitee.getByRole("button", { name: "Sign in" }).click();
    await expect(invitee.getByTestId("viewer-name")).toHaveText("Kanat Invitee");
  });
});

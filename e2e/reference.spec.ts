import { apiSignIn, expect, test } from "./support/fixtures";

test.describe("reference data", () => {
  test.beforeEach(async ({ page }) => {
    await apiSignIn(page.request, "kz.chief@example.org", "precursor-demo-2026");
  });

  test("the crossings list filters by country and links to a crossing's facts", async ({ page }) => {
    await page.goto("/crossings?country=TJ");
    await expect(page.getByRole("link", { name: /Kulma/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Torugart/ })).toHaveCount(0);
    await page.goto("/crossings/torugart");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Torugart");
    await expect(page.getByText(/3[,\u202f\u00a0 ]?752\s*m/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "UNODC assessment (2005)" })).toBeVisible();
  });

  test("Narynkol is shown closed; an unknown crossing is a 404", async ({ page }) => {
    await page.goto("/crossings/narynkol");
    await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();
    const response = await page.goto("/crossings/no-such-crossing");
    expect(response?.status()).toBe(404);
  });

  test("the substance glossary finds acetic anhydride by Chinese name, CAS and a misspelling, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await apiSignIn(page.request, "kz.chief@example.org", "precursor-demo-2026");
    for (const q of ["醋酸酐", "108-24-7", "acetik anhydride", "уксусный"]) {
      await page.goto(`/substances?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole("link", { name: "Acetic anhydride" }), q).toBeVisible();
    }
    await page.getByRole("link", { name: "Acetic anhydride" }).click();
    await expect(page.getByText("2915.24")).toBeVisible();
    await context.close();
  });

  test("the agency directory lists active agencies only", async ({ page }) => {
    await page.goto("/agencies");
    await expect(page.getByText("Customs Service under the Government of the Republic of Tajikistan")).toBeVisible();
    // Chinese agencies take part only once enabled; the demo enables one.
    await expect(page.getByText("General Administration of Customs", { exact: false })).toHaveCount(0);
  });
});

test.describe("reference data in the reader's language", () => {
  test("a Russian reader sees the 2005 assessment of Torugart in Russian, noted as a translation", async ({ page }) => {
    await apiSignIn(page.request, "kz.officer@example.org", "precursor-demo-2026");
    await page.goto("/crossings/torugart");
    await expect(page.getByRole("heading", { name: "Оценка УНП ООН (2005)" })).toBeVisible();
    await expect(page.getByText("Грузы досматриваются редко (высота, климат); декларации на китайском языке", { exact: false })).toBeVisible();
    await expect(page.getByText("Приводится в переводе с английского оригинала.", { exact: false })).toBeVisible();
    await expect(page.getByText("Loads rarely inspected", { exact: false })).toHaveCount(0);
    await expect(page.getByText("Примечания из источников приведены на английском языке.")).toHaveCount(0);
  });

  test("a Chinese reader sees the criminal provisions in Chinese, with no curator's markers", async ({ page }) => {
    await apiSignIn(page.request, "cn.liaison@example.org", "precursor-demo-2026");
    await page.goto("/provisions");
    const theft = page.getByTestId("provision-tj-cc1998-202-2");
    await expect(theft.getByText("盗窃易制毒化学品（第1–3款）")).toBeVisible();
    await expect(theft.getByText("条文编号仅来自报告；罪名和刑罚未经核实。")).toBeVisible();
    await expect(page.getByText("UNVERIFIED", { exact: false })).toHaveCount(0);
    await expect(page.getByText("Theft of precursors", { exact: false })).toHaveCount(0);
  });
});

test.describe("profile", () => {
  test("language and time zone persist across sign-ins", async ({ page, users }) => {
    const user = await users.create({ role: "chief", agencyId: "kg-customs" });
    await apiSignIn(page.request, user.email, user.password!);
    await page.goto("/profile");
    await page.getByLabel("Language").selectOption("ru");
    await page.getByLabel("Time zone").selectOption("Asia/Bishkek");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ваш профиль");

    // Signing out is in the account menu of the header.
    await page.getByTestId("current-user").click();
    await page.getByRole("button", { name: "Выйти", exact: true }).click();
    await expect(page).toHaveURL(/\/signin/);
    await apiSignIn(page.request, user.email, user.password!);
    await page.goto("/profile");
    await expect(page.getByLabel("Часовой пояс")).toHaveValue("Asia/Bishkek");
    await expect(page.getByRole("navigation").getByRole("link", { name: "Пункты пропуска" })).toBeVisible();
  });
});

import { sql } from "drizzle-orm";
import ruErrors from "~/i18n/messages/ru/errors.json" with { type: "json" };
import ru from "~/i18n/messages/ru/subscriptions.json" with { type: "json" };
import zhErrors from "~/i18n/messages/zh/errors.json" with { type: "json" };
import { MAX_DEBT_SECONDS } from "~/server/http/request-budget";
import { apiSignIn, expect, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

// A user past their request budget, as a flood would leave them (the row the app server keeps in
// PostgreSQL, moved forward rather than the test flooding the shared server).
const spendBudgetOf = (userId: string) =>
  sql`INSERT INTO request_budgets (key, tat, allowed) VALUES (${`user:${userId}`}, extract(epoch FROM now()) + ${MAX_DEBT_SECONDS}, false)
    ON CONFLICT (key) DO UPDATE SET tat = excluded.tat`;

test("past their budget, a user is told so in their language: in a form, and for a page, with Retry-After", async ({ browser, db, users }) => {
  const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon", locale: "ru" });
  const page = await (await browser.newContext()).newPage();
  await apiSignIn(page.request, analyst.email, PASSWORD);
  await page.goto("/crossings/irkeshtam");
  const follow = page.getByTestId("follow");
  await expect(follow.getByRole("button", { name: ru.follow.follow })).toBeVisible();

  await db.execute(spendBudgetOf(analyst.id));
  await follow.getByRole("button", { name: ru.follow.follow }).click();
  await expect(follow.locator("[data-form-error]")).toHaveText(ruErrors.tooManyRequests);

  const refused = await page.goto("/feed");
  expect(refused?.status()).toBe(429);
  // The debt of a minute, less the ten seconds a budget may spend at once, less the time since.
  expect(Number(refused?.headers()["retry-after"])).toBeGreaterThanOrEqual(MAX_DEBT_SECONDS - 30);
  await expect(page.locator("body")).toContainText(ruErrors.tooManyRequests);
  await db.execute(sql`DELETE FROM request_budgets WHERE key = ${`user:${analyst.id}`}`);
});

test("another user at the same address is not limited by one user's spent budget; an anonymous page is answered in the browser's language", async ({
  browser,
  db,
  users,
}) => {
  const flooder = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
  await db.execute(spendBudgetOf(flooder.id));
  const other = await (await browser.newContext()).newPage();
  await apiSignIn(other.request, "kg.analyst@example.org", PASSWORD);
  expect((await other.goto("/feed"))?.status()).toBe(200);
  await db.execute(sql`DELETE FROM request_budgets WHERE key = ${`user:${flooder.id}`}`);

  // The browser's address past its budget, for as long as this takes.
  const anonymous = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await db.execute(
    sql`INSERT INTO request_budgets (key, tat, allowed) VALUES ('address:127.0.0.1', extract(epoch FROM now()) + 3600, false) ON CONFLICT (key) DO UPDATE SET tat = excluded.tat`,
  );
  try {
    const answer = await anonymous.goto("/signin");
    expect(answer?.status()).toBe(429);
    await expect(anonymous.locator("body")).toContainText(zhErrors.tooManyRequests);
  } finally {
    await db.execute(sql`DELETE FROM request_budgets WHERE key = 'address:127.0.0.1'`);
  }
});

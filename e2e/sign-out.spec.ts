import { eq } from "drizzle-orm";
import * as schema from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { apiSignIn, expect, test } from "./support/fixtures";

test.describe("signing out without JavaScript (issue 14)", () => {
  test.use({ javaScriptEnabled: false });

  test("the header's sign-out is a POST form: it ends the session and lands on the sign-in page", async ({ page, users, db }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-customs" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    await page.goto("/feed");
    // The account menu is a <details> disclosure: it opens without JavaScript.
    await page.getByTestId("current-user").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    expect(await db.$count(schema.sessions, eq(schema.sessions.userId, analyst.id))).toBe(0);
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("tianshan.session");
    await page.goto("/feed");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the second-factor step's sign-out works the same way", async ({ page, users, db }) => {
    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: coordinator.email, password: DEMO_PASSWORD, json: "true" },
      maxRedirects: 0,
    });
    await page.goto("/mfa");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    expect(await db.$count(schema.sessions, eq(schema.sessions.userId, coordinator.id))).toBe(0);
  });

  test("a GET to /signout signs nobody out", async ({ page, users, db }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-customs" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    expect((await page.request.get("/signout", { maxRedirects: 0 })).status()).toBe(405);
    expect(await db.$count(schema.sessions, eq(schema.sessions.userId, analyst.id))).toBe(1);
  });
});

import { apiSignIn, expect, test } from "./support/fixtures";

test.describe("API keys", () => {
  test("kz.agencyadmin issues a read key, a call with it succeeds, they revoke it, and the next call is refused", async ({ page, request }) => {
    await apiSignIn(page.request, "kz.agencyadmin@example.org", "precursor-demo-2026");
    await page.goto("/admin/api-keys");
    await page.getByLabel("Name of the new service account").fill("E2E case system");
    await page.getByLabel("Valid for (days)").fill("7");
    await page.getByRole("button", { name: "Issue key" }).click();
    const shown = page.getByTestId("issued-api-key");
    await expect(shown).toBeVisible();
    const token = await shown.inputValue();
    expect(token).toMatch(/^tsk_[0-9a-f]{12}_/);
    const prefix = token.split("_")[1]!;

    const bearer = { authorization: `Bearer ${token}` };
    const allowed = await request.get("/api/v1/notices?limit=5", { headers: bearer });
    expect(allowed.status()).toBe(200);
    expect(allowed.headers()["cache-control"]).toBe("no-store");
    expect(((await allowed.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    // TAXII's addresses end in "/" and are answered there, not redirected: without the export
    // scope, the key is refused by TAXII itself.
    const taxii = await request.get("/api/taxii2/", { headers: { ...bearer, accept: "application/taxii+json;version=2.1" }, maxRedirects: 0 });
    expect(taxii.status()).toBe(403);
    expect(taxii.headers()["content-type"]).toBe("application/taxii+json;version=2.1");
    // The key reads only: creating is outside its scope.
    const write = await request.post("/api/v1/notices", { headers: { ...bearer, "idempotency-key": crypto.randomUUID() }, data: {} });
    expect(write.status()).toBe(403);

    await page.reload();
    const row = page.getByTestId(`api-key-${prefix}`);
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId(`api-key-${prefix}`)).toContainText("Revoked");

    const refused = await request.get("/api/v1/notices?limit=5", { headers: bearer });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
    expect(((await refused.json()) as { code: string }).code).toBe("unauthorized");
  });
});

test.describe("API keys without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an agency admin's refused form keeps its values; then the key is shown once and revoked by a plain post", async ({ page, request, users }) => {
    const admin = await users.create({ role: "agency_admin", agencyId: "kg-customs" });
    await apiSignIn(page.request, admin.email, admin.password!);
    await page.goto("/admin/api-keys");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Issue key" }) });
    await expect(form).toHaveAttribute("method", /^post$/i);
    // No name for the new service account: refused next to the field, the days kept.
    await form.getByLabel("Valid for (days)").fill("30");
    await form.getByRole("button", { name: "Issue key" }).click();
    await expect(page.getByText("Name the new service account (at least 3 characters).")).toBeVisible();
    await expect(form.getByLabel("Valid for (days)")).toHaveValue("30");

    await form.getByLabel("Name of the new service account").fill("Risk engine");
    await form.getByLabel("Read reference data").check();
    await form.getByRole("button", { name: "Issue key" }).click();
    const token = await page.getByTestId("issued-api-key").inputValue();
    expect(token).toMatch(/^tsk_/);
    expect((await request.get("/api/v1/reference/countries", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

    // The key never travels in an address, and a reload shows it no more.
    expect(page.url()).not.toContain(token);
    await page.goto("/admin/api-keys");
    await expect(page.getByTestId("issued-api-key")).toHaveCount(0);
    const prefix = token.split("_")[1]!;
    await page.getByTestId(`api-key-${prefix}`).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId(`api-key-${prefix}`)).toContainText("Revoked");
    expect((await request.get("/api/v1/reference/countries", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

    // On the users page the account is marked as a service account and offers only what applies to
    // one: no ending of sessions or second-factor reset for an account that never signs in.
    const person = await users.create({ role: "analyst", agencyId: "kg-customs" });
    await page.goto("/admin/users");
    await expect(page.getByTestId(`user-row-${person.email}`).getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
    const account = page.getByRole("row").filter({ hasText: "Risk engine" });
    await expect(account).toContainText("Service account");
    await expect(account.getByRole("button", { name: "Disable" })).toBeVisible();
    await expect(account.getByRole("link", { name: "API keys" })).toHaveAttribute("href", "/admin/api-keys");
    await expect(account.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
    await expect(account.getByRole("button", { name: "Reset two-step verification" })).toHaveCount(0);
  });
});

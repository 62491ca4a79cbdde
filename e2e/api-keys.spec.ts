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

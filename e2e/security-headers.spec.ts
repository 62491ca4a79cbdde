import { expect, test } from "./support/fixtures";

test.describe("web hardening, as the built app serves it", () => {
  test("pages carry a nonce-based policy that their own scripts satisfy, and hydrate under it", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = (await page.goto("/signin"))!;
    const policy = response.headers()["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["referrer-policy"]).toBe("same-origin");
    expect(response.headers()["cache-control"]).toContain("no-store");

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    // Hydrated: the client-side form reacts (it would not under a blocked bundle).
    await page.getByLabel("Email").fill("nobody@example.org");
    await page.getByLabel("Password").fill("a-password-long-enough");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("[data-form-error]")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the tRPC endpoint refuses a cross-site mutation and a non-JSON body, and caps batches", async ({ request }) => {
    const crossSite = await request.post("/api/trpc/mfa.verify", {
      data: { json: { code: "123456" } },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status()).toBe(403);
    const formBody = await request.post("/api/trpc/mfa.verify", {
      form: { code: "123456" },
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(formBody.status()).toBe(415);
    const batch = await request.get(`/api/trpc/${Array.from({ length: 11 }, () => "health.ping").join(",")}?batch=1&input={}`);
    expect(batch.status()).toBe(400);
    const ping = await request.get("/api/trpc/health.ping");
    expect(ping.headers()["cache-control"]).toBe("no-store");
  });
});

import { expect, test } from "./support/fixtures";

// A server action is a POST to a page with a Next-Action header (issue 13, item 14c).
const ACTION = { "next-action": "7f".repeat(21), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" };

test.describe("server actions from another origin", () => {
  test("are refused with 403, not 500, whatever the forwarded host claims", async ({ request }) => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.example" },
      { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
      { origin: "null" },
      { origin: "http://127.0.0.1:1" },
    ]) {
      const response = await request.post("/notifications", { headers: { ...ACTION, ...headers }, data: "[]" });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
    }
  });

  test("from this site reach Next.js's own handling (an unknown action is not found, not forbidden)", async ({ request, baseURL }) => {
    const response = await request.post("/notifications", { headers: { ...ACTION, origin: new URL(baseURL!).origin }, data: "[]" });
    expect(response.status()).not.toBe(403);
    expect(response.status()).toBeLessThan(500);
  });
});

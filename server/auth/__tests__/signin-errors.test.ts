import { sql } from "drizzle-orm";
import type { RequestInternal } from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { authThrottle } from "~/db/schema";
import { createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { authOptions, SIGNIN_INTERNAL_ERROR } from "~/server/auth/config";

type Authorize = (credentials: unknown, req: Pick<RequestInternal, "headers" | "method">) => Promise<{ id: string } | null>;

// The credentials provider exactly as next-auth calls it for POST /api/auth/callback/credentials;
// next-auth puts the message of whatever it throws into /api/auth/error?error=…
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const attempt = (email: string, password: string) => authorize({ email, password }, { method: "POST", headers: { "x-forwarded-for": "203.0.113.9" } });

afterEach(() => vi.restoreAllMocks());

describe("sign-in errors never echo a query (issue 13, item 11)", () => {
  it("refuses a NUL or control character in the email, and an overlong password, before the database", async () => {
    const before = await db.$count(authThrottle);
    for (const email of ["victim\0@example.org", "a\u0001b@example.org", "x@exam\nple.org"]) {
      await expect(attempt(email, DEMO_PASSWORD)).resolves.toBeNull();
    }
    await expect(attempt("someone@example.org", "p\0assword long enough")).resolves.toBeNull();
    await expect(attempt("someone@example.org", "x".repeat(1025))).resolves.toBeNull();
    expect(await db.$count(authThrottle)).toBe(before);
  });

  it("turns an unexpected failure into one generic code, and logs its SQLSTATE without the email", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", email: "canary.signin.7731@example.org" });
    await db.execute(sql`ALTER TABLE auth_throttle ADD CONSTRAINT test_refuse_canary CHECK (key NOT LIKE '%canary%')`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const error = await attempt(user.email, DEMO_PASSWORD).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(SIGNIN_INTERNAL_ERROR);
    } finally {
      await db.execute(sql`ALTER TABLE auth_throttle DROP CONSTRAINT test_refuse_canary`);
    }
    const output = logged.mock.calls.flat().map(String).join("\n");
    expect(output).toContain("23514");
    expect(output).toContain("test_refuse_canary");
    expect(output).not.toContain("canary.signin");
    expect(output).not.toMatch(/insert into|auth_throttle"/i);
  });
});

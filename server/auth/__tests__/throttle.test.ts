import { eq, sql } from "drizzle-orm";
import type { RequestInternal } from "next-auth";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, authThrottle } from "~/db/schema";
import { createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { authOptions } from "~/server/auth/config";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from "~/server/auth/throttle";
import { CLIENT_ADDRESS_HEADER } from "~/server/http/client-address";

type Authorize = (credentials: unknown, req: Pick<RequestInternal, "headers" | "method">) => Promise<{ id: string } | null>;

// The credentials provider exactly as next-auth calls it for POST /api/auth/callback/credentials.
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/**
 * A sign-in as the app sees it behind its server (server/http/app-server.ts): the client address
 * header holds the socket's peer, whatever X-Forwarded-For the client sent (e2e/client-address.spec.ts
 * proves the server part against the built app).
 */
const attempt = (email: string, password: string, peer: string, spoofed?: string) =>
  authorize(
    { email, password },
    { method: "POST", headers: { [CLIENT_ADDRESS_HEADER]: peer, ...(spoofed ? { "x-forwarded-for": spoofed } : {}), "user-agent": "vitest" } },
  );

const failuresOf = async (key: string) => (await db.select().from(authThrottle).where(eq(authThrottle.key, key)))[0]?.failures ?? 0;

describe("per-account throttling", () => {
  it("locks the account after five failures, whatever X-Forwarded-For claims, and audits the real address", async () => {
    const victim = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) {
      expect(await attempt(victim.email, `wrong password ${i}`, "203.0.113.50", `10.9.${i}.1, 192.0.2.${i}`)).toBeNull();
    }
    expect(await attempt(victim.email, DEMO_PASSWORD, "203.0.113.50", "127.0.0.1")).toBeNull();

    const entries = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.details}->>'email' = ${victim.email}`);
    expect(new Set(entries.map((e) => e.ip))).toEqual(new Set(["203.0.113.50"]));
    expect(entries.filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(entries.at(-1)).toMatchObject({ action: "auth.signin_failed", details: { reason: "locked_out" } });
    // One key per address, never one per spoofed header.
    expect(await failuresOf("ip:203.0.113.50")).toBe(ACCOUNT_LIMIT.failures + 1);
    expect(await db.$count(authThrottle, sql`${authThrottle.key} LIKE 'ip:10.9.%' OR ${authThrottle.key} LIKE 'ip:192.0.2.%'`)).toBe(0);

    // Other accounts keep signing in, from the same address too.
    const colleague = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    expect(await attempt(colleague.email, DEMO_PASSWORD, "203.0.113.50")).toMatchObject({ id: colleague.id });
  });

  it("counts every one of concurrent attempts: a burst does not slip under the limit", async () => {
    const victim = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(victim.email, `guess ${i}`, `198.51.100.${i + 1}`)));
    expect(burst.every((result) => result === null)).toBe(true);
    expect(await failuresOf(`account:${victim.email}`)).toBe(12);
    expect(await db.$count(auditLog, sql`${auditLog.action} = 'auth.lockout' AND ${auditLog.details}->>'email' = ${victim.email}`)).toBe(1);
    expect(await attempt(victim.email, DEMO_PASSWORD, "198.51.100.99")).toBeNull();
  });

  it("opens again once the window has passed, and a success starts the count afresh", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) await attempt(user.email, "not the password at all", "203.0.113.60");
    expect(await attempt(user.email, DEMO_PASSWORD, "203.0.113.60")).toBeNull();
    await db
      .update(authThrottle)
      .set({ windowStartedAt: sql`now() - make_interval(mins => ${ACCOUNT_LIMIT.minutes + 1})` })
      .where(eq(authThrottle.key, `account:${user.email}`));
    expect(await attempt(user.email, DEMO_PASSWORD, "203.0.113.60")).toMatchObject({ id: user.id });
    expect(await failuresOf(`account:${user.email}`)).toBe(0);
  });
});

describe("per-address throttling", () => {
  it("stops password spraying from one address across accounts; rotating X-Forwarded-For changes nothing; other addresses sign in", async () => {
    const sprayer = "203.0.113.77";
    for (let i = 0; i < ADDRESS_LIMIT.failures; i += 1) {
      expect(await attempt(`sprayed-${i}@example.org`, "password-spraying-guess", sprayer, `10.0.${i}.${i}`)).toBeNull();
    }
    const target = await createUser(db, { agencyId: "kg-customs", role: "chief" });
    expect(await attempt(target.email, DEMO_PASSWORD, sprayer, "10.200.200.200")).toBeNull();
    const [last] = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.details}->>'email' = ${target.email}`);
    expect(last).toMatchObject({ action: "auth.signin_failed", ip: sprayer, details: { reason: "address_throttled" } });
    expect(await db.$count(auditLog, eq(auditLog.action, "auth.address_throttled"))).toBe(1);

    // The account itself is not locked: its owner, elsewhere, signs in.
    expect(await attempt(target.email, DEMO_PASSWORD, "198.51.100.200")).toMatchObject({ id: target.id });
  });
});

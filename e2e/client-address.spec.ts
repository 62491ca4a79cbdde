import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { signIn, startApp, type RunningApp } from "~/bench/lib/app";
import { httpFetch } from "~/bench/faults/http";
import { auditLog, authThrottle } from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { freePort } from "~/scripts/lib/free-port";
import { ADDRESS_LIMIT } from "~/server/auth/throttle";
import { baseURL } from "~/playwright.config";
import { expect, test } from "./support/fixtures";
import { databaseUrlFile } from "./support/state";

// The client address that throttling and the audit log see, asked of the built app as `npm start`
// serves it: from the socket, whatever the request's headers claim, unless proxies are trusted.

const hasSession = (response: Response) => response.headers.getSetCookie().some((c) => /tianshan\.session=[^;]+/.test(c) && !/Max-Age=0/i.test(c));

/** One sign-in attempt through next-auth's endpoint, sent from `localAddress` with the given headers. */
async function attempt(base: string, localAddress: string, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await httpFetch(`${base}/api/auth/csrf`, { localAddress });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return httpFetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
}

const forged = (i: number) => ({
  "x-forwarded-for": `10.${i}.0.1, 192.0.2.${i + 1}`,
  "x-real-ip": `10.${i}.0.2`,
  "x-tianshan-client-address": `10.${i}.0.3`,
});

test("rotating X-Forwarded-For from one socket: the address is blocked at its limit and audited as the socket's", async ({ db }) => {
  test.setTimeout(60_000);
  // An address of its own on the loopback network, so that no other test shares its bucket.
  const socket = "127.0.0.77";
  const run = randomBytes(4).toString("hex");
  for (let i = 0; i < ADDRESS_LIMIT.failures; i += 1) {
    const response = await attempt(baseURL, socket, `sprayed-${run}-${i}@example.org`, "password-spraying-guess", forged(i));
    expect(hasSession(response)).toBe(false);
  }
  // The right password of a real account, from the same socket under yet another header: refused.
  expect(hasSession(await attempt(baseURL, socket, "kz.chief@example.org", DEMO_PASSWORD, forged(99)))).toBe(false);

  const rows = await db
    .select({ ip: auditLog.ip, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(sql`${auditLog.details}->>'email' LIKE ${`sprayed-${run}-%`}`);
  expect(rows.length).toBeGreaterThanOrEqual(ADDRESS_LIMIT.failures);
  expect(new Set(rows.map((r) => r.ip))).toEqual(new Set([socket]));
  const [blocked] = await db
    .select({ ip: auditLog.ip, details: auditLog.details })
    .from(auditLog)
    .where(sql`${auditLog.action} = 'auth.signin_failed' AND ${auditLog.details}->>'email' = 'kz.chief@example.org' AND ${auditLog.ip} = ${socket}`);
  expect(blocked?.details).toMatchObject({ reason: "address_throttled" });
  expect(await db.$count(authThrottle, sql`${authThrottle.key} LIKE 'ip:10.%' OR ${authThrottle.key} LIKE 'ip:192.0.2.%'`)).toBe(0);

  // Another socket is not blocked: the limit is the address's, not everyone's.
  expect(hasSession(await attempt(baseURL, "127.0.0.78", "kz.chief@example.org", DEMO_PASSWORD, forged(98)))).toBe(true);
});

test.describe("behind one trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  let proxied: RunningApp;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    const port = await freePort();
    process.env.TRUSTED_PROXY_HOPS = "1";
    try {
      proxied = await startApp({
        port,
        databaseUrl: readFileSync(databaseUrlFile(), "utf8"),
        authSecret: randomBytes(32).toString("base64url"),
        timeoutMs: 60_000,
      });
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS;
    }
  });
  test.afterAll(async () => proxied?.stop());

  test("takes the right-most X-Forwarded-For entry, the one the proxy wrote", async ({ db }) => {
    const email = `proxied-${randomBytes(4).toString("hex")}@example.org`;
    await attempt(proxied.base, "127.0.0.79", email, "not the password", {
      "x-forwarded-for": "10.1.1.1, 198.51.100.7, 203.0.113.9",
      "x-tianshan-client-address": "10.2.2.2",
    });
    const [row] = await db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(sql`${auditLog.details}->>'email' = ${email}`);
    expect(row?.ip).toBe("203.0.113.9");

    // A signed-in session records it too (sessions.ip), through the same server.
    const cookie = await signIn(proxied.base, "tj.chief@example.org", DEMO_PASSWORD, {
      fetch: (url, init) => httpFetch(url, { ...init, headers: { ...init?.headers, "x-forwarded-for": "203.0.113.10" } }),
    });
    expect(cookie).toContain("tianshan.session");
    const [session] = await db.execute<{ ip: string }>(
      sql`SELECT s.ip FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'tj.chief@example.org' ORDER BY s.created_at DESC LIMIT 1`,
    );
    expect(session?.ip).toBe("203.0.113.10");
  });
});

import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db } from "~/db/index";
import { users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { env } from "~/env.js";
import { createSession } from "~/server/auth/sessions";
import { inFront } from "~/server/http/app-server";
import { CLIENT_ADDRESS_HEADER } from "~/server/http/client-address";
import { budgetsFor, spendBudget } from "~/server/http/request-budget";
import { eq, sql } from "drizzle-orm";

// 10 units a second and 100 at once for a user; ten times that for an address.
const budgets = budgetsFor(10);

async function signedIn(locale: "en" | "ru" | "zh" = "en") {
  const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
  if (locale !== "en") await db.update(users).set({ locale }).where(eq(users.id, user.id));
  const sessionId = await createSession({ userId: user.id, sessionVersion: 0, ip: null, userAgent: null });
  return { user, sessionId };
}

const spend = (sessionId: string | null, address: string, cost = 5, client = db.$client) => spendBudget(client, { sessionId, address, cost }, budgets);

/** Spends until refused; returns how many were allowed and the refusal. */
async function exhaust(sessionId: string | null, address: string, cost = 5) {
  for (let allowed = 0; allowed < 10_000; allowed += 1) {
    const decision = await spend(sessionId, address, cost);
    if (!decision.allowed) return { allowed, refusal: decision };
  }
  throw new Error("never refused");
}

describe("request budgets in PostgreSQL", () => {
  it("refuses a user past their budget, says how long to wait, and lets them in once that has passed", async () => {
    const { sessionId, user } = await signedIn();
    const { allowed, refusal } = await exhaust(sessionId, "198.51.100.1");
    // 100 units at once, 5 a request (and a little refilled while the statements ran).
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThanOrEqual(24);
    // What was missing for 5 units, plus the refused request's own 5, which are owed too: 0.5–1 s.
    expect(refusal.waitSeconds).toBeGreaterThan(0.5);
    expect(refusal.waitSeconds).toBeLessThanOrEqual(1);
    // Sending on while refused only deepens the wait.
    const again = await spend(sessionId, "198.51.100.1");
    expect(again.allowed).toBe(false);
    expect(again.waitSeconds).toBeGreaterThan(refusal.waitSeconds);
    // The wait, passed (the row moved back in time rather than the test sleeping).
    await db.execute(sql`UPDATE request_budgets SET tat = tat - ${again.waitSeconds + 0.01} WHERE key = ${`user:${user.id}`}`);
    expect((await spend(sessionId, "198.51.100.1")).allowed).toBe(true);
    // Just short of it, refused.
    expect((await spend(sessionId, "198.51.100.1")).allowed).toBe(false);
  });

  it("keeps the user's and the address's budgets apart, and another user is not limited", async () => {
    const flooder = await signedIn();
    const colleague = await signedIn();
    const office = "198.51.100.2";
    await exhaust(flooder.sessionId, office);
    // The flooder's refused requests were not charged to the office: a colleague there goes on.
    for (let i = 0; i < 20; i += 1) expect((await spend(colleague.sessionId, office)).allowed).toBe(true);
    // And the flooder is refused from any address.
    expect((await spend(flooder.sessionId, "203.0.113.2")).allowed).toBe(false);

    // An address spent by anonymous requests: a user is refused there, not elsewhere.
    const busy = "198.51.100.3";
    const someone = await signedIn();
    const anonymous = await exhaust(null, busy);
    expect(anonymous.allowed).toBeGreaterThanOrEqual(200);
    // A flood goes on sending while refused, and so owes more (an address refills 100 units a second).
    for (let i = 0; i < 20; i += 1) expect((await spend(null, busy)).allowed).toBe(false);
    expect((await spend(someone.sessionId, busy)).allowed).toBe(false);
    expect((await spend(someone.sessionId, "203.0.113.3")).allowed).toBe(true);
  });

  it("is one budget for every app instance: two connection pools spend from it together", async () => {
    const { sessionId } = await signedIn();
    const other = postgres(databaseUrl(), { max: 2, onnotice: () => {} });
    try {
      let allowed = 0;
      for (let i = 0; i < 30; i += 1) {
        if ((await spend(sessionId, "198.51.100.4", 5, i % 2 === 0 ? db.$client : other)).allowed) allowed += 1;
      }
      expect(allowed).toBeGreaterThanOrEqual(20);
      expect(allowed).toBeLessThanOrEqual(24);
    } finally {
      await other.end();
    }
  });
});

describe("the app server's front (server/http/app-server.ts)", () => {
  let base = "";
  let reached = 0;
  const server = createServer(
    inFront(
      async (req: IncomingMessage, res: ServerResponse) => {
        reached += 1;
        res.end(req.headers[CLIENT_ADDRESS_HEADER]);
      },
      { trustedProxyHops: 0, budgets },
    ),
  );
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const cookieOf = async (sessionId: string) => `tianshan.session=${await encode({ token: { sid: sessionId }, secret: env.AUTH_SECRET! })}`;

  it("hands the app the socket's address, whatever the client wrote", async () => {
    const response = await fetch(`${base}/feed`, { headers: { "x-forwarded-for": "10.0.0.1", [CLIENT_ADDRESS_HEADER]: "10.0.0.2" } });
    expect(await response.text()).toBe("127.0.0.1");
  });

  it("answers 429 with Retry-After, in the user's language, before the app does any work", async () => {
    const { sessionId } = await signedIn("ru");
    const cookie = await cookieOf(sessionId);
    // A burst of searches, well past the budget: the refused ones are owed too.
    const burst = await Promise.all(Array.from({ length: 80 }, () => fetch(`${base}/api/trpc/notices.search`, { headers: { cookie } }).then((r) => r.status)));
    expect(burst.filter((status) => status === 200).length).toBeLessThanOrEqual(40);
    expect(burst.filter((status) => status === 429).length).toBeGreaterThanOrEqual(40);

    const before = reached;
    const trpc = await fetch(`${base}/api/trpc/notices.feed,notices.search`, { headers: { cookie } });
    expect(trpc.status).toBe(429);
    expect(Number(trpc.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await trpc.json()).toMatchObject({ error: { json: { message: "tooManyRequests", data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } } } });

    const page = await fetch(`${base}/search?q=x`, { headers: { cookie, "accept-language": "en" } });
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Слишком много запросов");

    const action = await fetch(`${base}/notifications`, { method: "POST", headers: { cookie, "next-action": "abc" } });
    expect(action.status).toBe(429);
    expect(action.headers.get("content-type")).toContain("text/plain");
    expect(await action.text()).toBe("tooManyRequests");
    expect(reached).toBe(before);
  });

  it("answers an anonymous client in the language of its cookie or browser", async () => {
    // Another address's budget, spent as the loopback one would be by a flood.
    await db.execute(sql`INSERT INTO request_budgets (key, tat, allowed) VALUES ('address:127.0.0.1', extract(epoch FROM now()) + 500, false)
      ON CONFLICT (key) DO UPDATE SET tat = excluded.tat`);
    const zh = await fetch(`${base}/signin`, { headers: { cookie: "tianshan.locale=zh" } });
    expect(zh.status).toBe(429);
    expect(await zh.text()).toContain("请求过多");
    const en = await fetch(`${base}/signin`, { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(await en.text()).toContain("Too many requests");
    // Static files of the build are never counted or refused.
    expect((await fetch(`${base}/_next/static/chunks/x.js`)).status).toBe(200);
  });
});

import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { authenticator } from "otplib";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { db } from "~/db/index";
import { totpCredentials } from "~/db/schema";
import { createUser, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "~/db/seed/factories";
import { env } from "~/env.js";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from "~/server/api/request-guard";
import { SESSION_COOKIE } from "~/server/auth/cookie-names";
import { signInWithPassword } from "~/server/services/sign-in";

const BASE = "http://localhost:3000/api/trpc";
const SAME_ORIGIN = { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request(`${BASE}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", host: "localhost:3000", ...SAME_ORIGIN, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(superjson.serialize(body)),
    }),
  );

const get = (path: string, headers: Record<string, string> = {}) => GET(new Request(`${BASE}/${path}`, { headers: { host: "localhost:3000", ...headers } }));

async function cookieOf(sessionId: string) {
  return `${SESSION_COOKIE}=${await encode({ token: { sid: sessionId }, secret: env.AUTH_SECRET! })}`;
}

describe("cross-site request forgery", () => {
  it("refuses a mutation from another site, or one that does not say where it comes from", async () => {
    expect((await post("mfa.verify", { code: "123456" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post("mfa.verify", { code: "123456" }, { origin: "https://evil.example", "sec-fetch-site": "" })).status).toBe(403);
    expect((await post("mfa.verify", { code: "123456" }, { "sec-fetch-site": "same-site", origin: "https://sub.localhost:3000" })).status).toBe(403);
    const anonymous = new Request(`${BASE}/mfa.verify`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect((await POST(anonymous)).status).toBe(403);
  });

  it("compares the whole origin, scheme and port included, with APP_URL's (issue 13, item 14b)", async () => {
    expect(env.APP_URL).toBe("http://localhost:3000");
    for (const origin of ["https://localhost:3000", "http://localhost:3001", "http://localhost", "ws://localhost:3000", "null"]) {
      expect((await post("mfa.verify", { code: "123456" }, { origin, "sec-fetch-site": "" })).status, origin).toBe(403);
      expect((await get("health.ping", { origin })).status, origin).toBe(403);
    }
    // The Host header is the client's to write: naming the origin's host in it proves nothing.
    expect((await post("mfa.verify", { code: "123456" }, { origin: "http://intranet:8080", host: "intranet:8080", "sec-fetch-site": "" })).status).toBe(403);
    expect((await post("mfa.verify", { code: "123456" }, { origin: "http://localhost:3000", "sec-fetch-site": "" })).status).toBe(401);
  });

  it("accepts only JSON bodies for mutations: a form post from a page cannot be JSON", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect((await post("mfa.verify", { code: "123456" }, { "content-type": type })).status).toBe(415);
    }
  });

  it("lets a same-origin JSON mutation through to the procedure, which then checks the session", async () => {
    const response = await post("mfa.verify", { code: "123456" });
    expect(response.status).toBe(401);
    expect((await response.json()).error.json.data.code).toBe("UNAUTHORIZED");
  });

  it("refuses a read that a browser marks as cross-site, and serves one from a plain client", async () => {
    expect((await get("health.ping", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await get("health.ping")).status).toBe(200);
  });
});

describe("passing the second factor over HTTP", () => {
  it("rotates the session: the answer sets a cookie for a new session, and the cookie from before the code is dead", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    const signedIn = await signInWithPassword({ credentials: { email: user.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const before = await cookieOf(signedIn!.sessionId);
    expect((await get("viewer.me", { cookie: before })).status).toBe(401);

    const response = await post("mfa.verify", { code: authenticator.generate(DEMO_TOTP_SECRET) }, { cookie: before });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200`));
    expect(await response.text()).not.toContain(signedIn!.sessionId);
    const after = setCookie.split(";")[0]!;
    expect(after).not.toBe(before);

    const me = await get("viewer.me", { cookie: after });
    expect(me.status).toBe(200);
    expect(await me.text()).toContain(user.email);
    expect((await get("viewer.me", { cookie: before })).status).toBe(401);
  });
});

describe("abuse limits", () => {
  it(`caps batches at ${MAX_BATCH_SIZE} calls`, async () => {
    const batch = (n: number) => get(`${Array.from({ length: n }, () => "health.ping").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`);
    expect((await batch(MAX_BATCH_SIZE)).status).toBe(200);
    expect((await batch(MAX_BATCH_SIZE + 1)).status).toBe(400);
    expect((await batch(1000)).status).toBe(400);
  });

  it("refuses a body over 1 MB, declared or streamed", async () => {
    const big = JSON.stringify({ json: { code: "1".repeat(MAX_BODY_BYTES) } });
    expect((await post("mfa.verify", big)).status).toBe(413);
    expect((await post("mfa.verify", { code: "123456" }, { "content-length": String(MAX_BODY_BYTES + 1) })).status).toBe(413);
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i += 1) controller.enqueue(encoder.encode("x".repeat(100_000)));
        controller.close();
      },
    });
    const chunked = new Request(`${BASE}/mfa.verify`, {
      method: "POST",
      headers: { "content-type": "application/json", ...SAME_ORIGIN },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await POST(chunked)).status).toBe(413);
  });
});

describe("responses", () => {
  it("are never cached", async () => {
    expect((await get("health.ping")).headers.get("cache-control")).toBe("no-store");
    expect((await post("mfa.verify", { code: "123456" })).headers.get("cache-control")).toBe("no-store");
  });

  it("tell the client nothing of an unexpected failure but a request id (no stack, no cause)", async () => {
    // NODE_ENV is "test" here, which tRPC treats as development exactly as an unset NODE_ENV:
    // the place where it would add the stack.
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    await db.update(totpCredentials).set({ secretCiphertext: "v1.corrupt.beyond.repair" }).where(eq(totpCredentials.userId, user.id));
    const signedIn = await signInWithPassword({ credentials: { email: user.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const response = await post("mfa.verify", { code: "123456" }, { cookie: await cookieOf(signedIn!.sessionId) });
    expect(response.status).toBe(500);
    const text = await response.text();
    const { error } = JSON.parse(text) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(error.json.message).toBe("internal");
    expect(error.json.data.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.json.data).not.toHaveProperty("stack");
    expect(text).not.toMatch(/unreadable|decipher|at .*\.ts|totp_credentials/i);
  });

  it("keep validation errors at field level", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    const signedIn = await signInWithPassword({ credentials: { email: user.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const invalid = await post("mfa.verify", { code: "12ab" }, { cookie: await cookieOf(signedIn!.sessionId) });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.json.data.fields).toEqual({ code: { key: "mfaCodeFormat" } });
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, sessions } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { env } from "~/env.js";
import { SESSION_COOKIE } from "~/server/auth/cookie-names";
import { sessionCookie } from "~/server/auth/session-cookie";
import { createSession } from "~/server/auth/sessions";
import { POST } from "../route";

async function signedIn() {
  const user = await createUser(db, { agencyId: "kg-customs", role: "analyst" });
  const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip: "127.0.0.1", userAgent: "vitest", mfaVerified: true });
  const cookie = await sessionCookie(sessionId);
  return { user, sessionId, cookie: `${cookie!.name}=${cookie!.value}` };
}

const signOut = (headers: Record<string, string>) => POST(new Request(new URL("/signout", env.APP_URL), { method: "POST", headers }));
const alive = (sessionId: string) => db.$count(sessions, eq(sessions.id, sessionId));

describe("the sign-out form's POST", () => {
  it("ends the session, audits it, drops the cookie and what the site kept on the device, and goes to the sign-in page", async () => {
    const { user, sessionId, cookie } = await signedIn();
    const response = await signOut({ cookie, origin: new URL(env.APP_URL).origin, "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/signin");
    expect(response.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE.replace(".", "\\.")}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`));
    expect(response.headers.get("clear-site-data")).toBe('"cache", "storage"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await alive(sessionId)).toBe(0);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.signout"), eq(auditLog.actorUserId, user.id)));
    expect(entries.map((e) => e.details)).toEqual([{ sessionId }]);
  });

  it("refuses a POST from another site, or one that shows no origin, and the session lives on", async () => {
    const { sessionId, cookie } = await signedIn();
    const forged: Record<string, string>[] = [
      { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { cookie, origin: "https://evil.example" },
      { cookie, "sec-fetch-site": "same-site" },
      { cookie },
    ];
    for (const headers of forged) {
      const response = await signOut(headers);
      expect(response.status).toBe(403);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    expect(await alive(sessionId)).toBe(1);
  });

  it("sends a visitor without a session (or with a forged cookie) to the sign-in page all the same", async () => {
    const visitors: Record<string, string>[] = [{}, { cookie: `${SESSION_COOKIE}=forged` }];
    for (const headers of visitors) {
      const response = await signOut({ ...headers, "sec-fetch-site": "same-origin" });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/signin");
    }
  });
});

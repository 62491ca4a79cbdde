import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { agencies, auditLog, sessions, users } from "~/db/schema";
import { createAgency, createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { signInWithPassword } from "~/server/services/sign-in";
import { loadViewer } from "~/server/auth/sessions";
import { anonymousCaller, callerFor } from "~/tests/callers";

const attempt = (email: string, password: string) => signInWithPassword({ credentials: { email, password }, ip: "203.0.113.9", userAgent: "vitest" });

describe("sign-in", () => {
  it("opens a session for the right password, whatever the email's case, and audits it", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "chief", email: "Case.Test@Example.org" });
    const result = await attempt("CASE.test@example.ORG", DEMO_PASSWORD);
    expect(result?.userId).toBe(user.id);
    const viewer = await loadViewer(result!.sessionId);
    expect(viewer).toMatchObject({ userId: user.id, agencyId: "kz-sgd-customs", role: "chief" });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(entry).toMatchObject({ action: "auth.signin", ip: "203.0.113.9" });
  });

  it("refuses a wrong password and an unknown email alike, auditing both", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "chief" });
    expect(await attempt(user.email, "not-the-password-at-all")).toBeNull();
    expect(await attempt("nobody@example.org", DEMO_PASSWORD)).toBeNull();
    const failures = await db.select().from(auditLog).where(eq(auditLog.action, "auth.signin_failed"));
    expect(failures.map((f) => f.details.email).sort()).toEqual([user.email, "nobody@example.org"].sort());
    expect(await db.$count(sessions, eq(sessions.userId, user.id))).toBe(0);
  });

  it("refuses invited and disabled users and users of an inactive agency", async () => {
    const invited = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", status: "invited" });
    const disabled = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", status: "disabled" });
    const agency = await createAgency(db, { active: false });
    const orphan = await createUser(db, { agencyId: agency.id, role: "analyst" });
    for (const user of [invited, disabled, orphan]) expect(await attempt(user.email, DEMO_PASSWORD)).toBeNull();
  });
});

describe("a session is re-checked against the database on every request", () => {
  it("is cut off at the next request once the user is disabled", async () => {
    const user = await createUser(db, { agencyId: "kg-customs", role: "analyst" });
    const { caller, sessionId } = await callerFor(user);
    await expect(caller.viewer.me()).resolves.toMatchObject({ email: user.email });
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    expect(await loadViewer(sessionId)).toBeNull();
  });

  it("is refused once the user's session version moves on (role change, new password)", async () => {
    const user = await createUser(db, { agencyId: "kg-customs", role: "chief" });
    const { sessionId } = await callerFor(user);
    await db
      .update(users)
      .set({ role: "analyst", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    expect(await loadViewer(sessionId)).toBeNull();
  });

  it("is refused when the agency is deactivated", async () => {
    const agency = await createAgency(db);
    const user = await createUser(db, { agencyId: agency.id, role: "analyst" });
    const { sessionId } = await callerFor(user);
    await db.update(agencies).set({ active: false }).where(eq(agencies.id, agency.id));
    expect(await loadViewer(sessionId)).toBeNull();
  });

  it("expires after 30 idle minutes and after 12 hours in any case", async () => {
    const user = await createUser(db, { agencyId: "kg-customs", role: "chief" });
    const idle = await callerFor(user);
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(sessions.id, idle.sessionId));
    expect(await loadViewer(idle.sessionId)).toBeNull();
    const old = await callerFor(user);
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.id, old.sessionId));
    expect(await loadViewer(old.sessionId)).toBeNull();
  });

  it("answers UNAUTHORIZED to a caller without a session", async () => {
    await expect(anonymousCaller().viewer.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymousCaller().health.ping()).resolves.toEqual({ ok: true });
  });
});

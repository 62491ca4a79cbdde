import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, authThrottle, users } from "~/db/schema";
import { createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { signInWithPassword } from "~/server/services/sign-in";
import { loadViewer } from "~/server/auth/sessions";
import { ACCOUNT_LIMIT } from "~/server/auth/throttle";
import { callerFor, fieldsOf } from "~/tests/callers";

const NEW_PASSWORD = "a long new passphrase for the steppe";
const signIn = (email: string, password: string) => signInWithPassword({ credentials: { email, password }, ip: null, userAgent: "vitest" });
const storedUser = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;

describe("profile", () => {
  it("shows the viewer's own account with the duty station's names", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "chief", dutyStationId: "khorgos", name: "Dana" });
    const { caller } = await callerFor(user);
    expect(await caller.profile.get()).toMatchObject({
      name: "Dana",
      email: user.email,
      role: "chief",
      agency: { id: "kz-sgd-customs" },
      dutyStation: { id: "khorgos", name: { en: expect.any(String), ru: expect.any(String) } },
      locale: "en",
      timeZone: "Asia/Almaty",
    });
  });

  it("saves language, time zone and display name, read back by the next request, and audits the change", async () => {
    const user = await createUser(db, { agencyId: "kg-customs", role: "analyst", name: "Aibek" });
    const { caller, sessionId } = await callerFor(user);
    const result = await caller.profile.updatePreferences({ name: "Aibek T.", locale: "ru", timeZone: "Asia/Bishkek" });
    expect(result.changed.sort()).toEqual(["locale", "name", "timeZone"]);
    expect(await loadViewer(sessionId)).toMatchObject({ name: "Aibek T.", locale: "ru", timeZone: "Asia/Bishkek" });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "profile.update"));
    expect(entry).toMatchObject({
      actorUserId: user.id,
      targetType: "user",
      targetId: user.id,
      details: { locale: { from: "en", to: "ru" }, timeZone: { from: "Asia/Almaty", to: "Asia/Bishkek" } },
    });
  });

  it("refuses an unknown time zone or language, changing nothing", async () => {
    const user = await createUser(db, { agencyId: "kg-customs", role: "analyst" });
    const { caller } = await callerFor(user);
    expect(await fieldsOf(caller.profile.updatePreferences({ name: "X", locale: "en", timeZone: "Mars/Base" }))).toEqual({
      timeZone: { key: "unknownTimeZone" },
    });
    expect(await fieldsOf(caller.profile.updatePreferences({ name: "", locale: "de" as "en", timeZone: "Asia/Almaty" }))).toEqual({
      name: { key: "required" },
      locale: { key: "invalidChoice" },
    });
    expect(await storedUser(user.id)).toMatchObject({ name: user.name, locale: "en", timeZone: "Asia/Almaty" });
    expect(await db.$count(auditLog, eq(auditLog.actorUserId, user.id))).toBe(0);
  });
});

describe("password change", () => {
  it("requires the right current password, and leaves the hash alone otherwise", async () => {
    const user = await createUser(db, { agencyId: "tj-customs", role: "chief" });
    const { caller } = await callerFor(user);
    const change = { currentPassword: "not the current password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    expect(await fieldsOf(caller.profile.changePassword(change))).toEqual({ currentPassword: { key: "currentPasswordWrong" } });
    const after = await storedUser(user.id);
    expect(after.passwordHash).toBe(user.passwordHash);
    expect(after.sessionVersion).toBe(user.sessionVersion);
    const entries = await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(entries.map((e) => e.action)).toEqual(["profile.password_change_failed"]);
  });

  it("refuses a short, mismatched or unchanged new password field by field", async () => {
    const user = await createUser(db, { agencyId: "tj-customs", role: "chief" });
    const { caller } = await callerFor(user);
    expect(await fieldsOf(caller.profile.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: "too-short", confirmPassword: "too-short" }))).toEqual({
      newPassword: { key: "tooShort", values: { min: 15 } },
    });
    expect(
      await fieldsOf(caller.profile.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` })),
    ).toEqual({
      confirmPassword: { key: "passwordMismatch" },
    });
    const padded = `${DEMO_PASSWORD}-x`;
    expect(await fieldsOf(caller.profile.changePassword({ currentPassword: padded, newPassword: padded, confirmPassword: padded }))).toEqual({
      newPassword: { key: "passwordUnchanged" },
    });
    expect((await storedUser(user.id)).passwordHash).toBe(user.passwordHash);
  });

  it("keeps the session in use, ends the user's other sessions, and signs in with the new password only", async () => {
    const user = await createUser(db, { agencyId: "tj-customs", role: "chief" });
    const earlier = await callerFor(user);
    const current = await callerFor(user);
    await current.caller.profile.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });

    expect(await loadViewer(current.sessionId)).not.toBeNull();
    expect(await loadViewer(earlier.sessionId)).toBeNull();
    expect((await storedUser(user.id)).sessionVersion).toBe(user.sessionVersion + 1);
    expect(await signIn(user.email, DEMO_PASSWORD)).toBeNull();
    expect(await signIn(user.email, NEW_PASSWORD)).toMatchObject({ userId: user.id });

    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "profile.password_change"));
    expect(entry).toMatchObject({ actorUserId: user.id, targetType: "user", targetId: user.id });
    expect(JSON.stringify(entry!.details)).not.toContain(NEW_PASSWORD);
  });

  it("counts wrong current passwords like failed sign-ins: locked at the same limit, even for the right one, and audited (issue 13, item 9)", async () => {
    const user = await createUser(db, { agencyId: "tj-customs", role: "chief" });
    const { caller } = await callerFor(user);
    const change = (currentPassword: string) => caller.profile.changePassword({ currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    for (let i = 0; i < ACCOUNT_LIMIT.failures; i += 1) {
      expect(await fieldsOf(change(`guess number ${i}`))).toEqual({ currentPassword: { key: "currentPasswordWrong" } });
    }
    // The oracle is closed: the right password no longer tells itself apart from a wrong one.
    expect(await fieldsOf(change(DEMO_PASSWORD))).toEqual({ currentPassword: { key: "passwordAttemptsExceeded" } });
    expect((await storedUser(user.id)).passwordHash).toBe(user.passwordHash);
    // One count per account: the sign-in page is locked too.
    expect(await signIn(user.email, DEMO_PASSWORD)).toBeNull();

    const entries = await db.select().from(auditLog).where(eq(auditLog.actorUserId, user.id));
    expect(entries.filter((e) => e.action === "auth.lockout")).toMatchObject([
      { ip: "127.0.0.1", details: { failures: ACCOUNT_LIMIT.failures, via: "password_change" } },
    ]);
    expect(entries.filter((e) => e.action === "profile.password_change_failed").map((e) => (e.details as { reason: string }).reason)).toEqual([
      ...Array<string>(ACCOUNT_LIMIT.failures).fill("wrong_password"),
      "locked_out",
    ]);

    // The window passes: the right password works again and starts the count afresh.
    await db
      .update(authThrottle)
      .set({ windowStartedAt: sql`now() - make_interval(mins => ${ACCOUNT_LIMIT.minutes + 1})` })
      .where(eq(authThrottle.key, `account:${user.email}`));
    await change(DEMO_PASSWORD);
    expect(await db.$count(authThrottle, eq(authThrottle.key, `account:${user.email}`))).toBe(0);
  });

  it("counts concurrent guesses one by one: a burst does not slip under the limit", async () => {
    const user = await createUser(db, { agencyId: "tj-customs", role: "chief" });
    const { caller } = await callerFor(user);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      fieldsOf(caller.profile.changePassword({ currentPassword: `burst guess ${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })),
    );
    const keys = (await Promise.all(guesses)).map((fields) => fields.currentPassword?.key);
    expect(keys.filter((key) => key === "currentPasswordWrong")).toHaveLength(ACCOUNT_LIMIT.failures);
    expect(keys.filter((key) => key === "passwordAttemptsExceeded")).toHaveLength(12 - ACCOUNT_LIMIT.failures);
  });
});

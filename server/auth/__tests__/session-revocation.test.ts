import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, sessions, users } from "~/db/schema";
import { createAgency, createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import { signInWithPassword } from "~/server/services/sign-in";
import { loadViewer } from "~/server/auth/sessions";
import { CLI_ACTOR, inviteUser } from "~/server/services/users";
import { callerFor, refusal } from "~/tests/callers";

const admin = async () => (await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "admin" }))).caller;

/** Two live sessions of the user, as on a desktop and a laptop. */
async function twoSessions(user: { id: string; sessionVersion: number }) {
  const sessionIds = [(await callerFor(user)).sessionId, (await callerFor(user)).sessionId];
  for (const id of sessionIds) expect(await loadViewer(id)).not.toBeNull();
  return sessionIds;
}

const allDead = async (sessionIds: string[]) => (await Promise.all(sessionIds.map((id) => loadViewer(id)))).every((viewer) => viewer === null);

describe("sign-in", () => {
  it("opens a new session id every time: nothing a client holds is promoted", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const sign = () => signInWithPassword({ credentials: { email: user.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const [first, second] = [await sign(), await sign()];
    expect(first!.sessionId).not.toBe(second!.sessionId);
    expect(await db.$count(sessions, eq(sessions.userId, user.id))).toBe(2);
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the user, the one in use included, and no one else's", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const bystander = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const [other] = await twoSessions(user);
    const theirs = await callerFor(bystander);
    const current = await callerFor(user);
    await current.caller.profile.signOutEverywhere();
    expect(await allDead([other!, current.sessionId])).toBe(true);
    expect(await loadViewer(theirs.sessionId)).not.toBeNull();
    const [row] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    expect(row!.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await db.$count(auditLog, eq(auditLog.action, "auth.signout_everywhere"))).toBe(1);
  });
});

describe("every path that disables, demotes or changes a password ends the user's sessions", () => {
  it("disabling, through the users API", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const ids = await twoSessions(user);
    await (await admin()).users.disable({ userId: user.id });
    expect(await allDead(ids)).toBe(true);
  });

  it("demoting, and moving to another agency, through the users API", async () => {
    const chief = await createUser(db, { agencyId: "kz-sgd-customs", role: "chief" });
    const ids = await twoSessions(chief);
    await (await admin()).users.update({ userId: chief.id, role: "analyst" });
    expect(await allDead(ids)).toBe(true);

    const [moved] = await db.select().from(users).where(eq(users.id, chief.id));
    const again = await twoSessions(moved!);
    await (await admin()).users.update({ userId: chief.id, agencyId: "kg-customs" });
    expect(await allDead(again)).toBe(true);
  });

  it("changing one's password: the other sessions end, the one in use carries on", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const ids = await twoSessions(user);
    const current = await callerFor(user);
    await current.caller.profile.changePassword({
      currentPassword: DEMO_PASSWORD,
      newPassword: "a fresh and rather long passphrase",
      confirmPassword: "a fresh and rather long passphrase",
    });
    expect(await allDead(ids)).toBe(true);
    expect(await loadViewer(current.sessionId)).not.toBeNull();
  });

  it("deactivating the agency", async () => {
    const agency = await createAgency(db);
    const user = await createUser(db, { agencyId: agency.id, role: "analyst" });
    const ids = await twoSessions(user);
    await (await admin()).agencies.setActive({ id: agency.id, active: false });
    expect(await allDead(ids)).toBe(true);
  });

  it("an administrator ending a user's sessions, within their reach only", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const ids = await twoSessions(user);
    const foreignAdmin = await callerFor(await createUser(db, { agencyId: "kg-customs", role: "agency_admin" }));
    expect(await refusal(foreignAdmin.caller.users.endSessions({ userId: user.id }))).toMatchObject({ code: "NOT_FOUND" });
    for (const id of ids) expect(await loadViewer(id)).not.toBeNull();
    const ownAdmin = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "agency_admin" }));
    await ownAdmin.caller.users.endSessions({ userId: user.id });
    expect(await allDead(ids)).toBe(true);
    const [row] = await db.select({ status: users.status }).from(users).where(eq(users.id, user.id));
    expect(row!.status).toBe("active");
  });

  it("the command line only creates invited users: it cannot take over an existing account", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const ids = await twoSessions(user);
    const attempt = inviteUser({
      viewer: CLI_ACTOR,
      input: {
        email: user.email,
        name: "Someone Else",
        agencyId: "unodc-roca",
        role: "admin",
        dutyStationId: null,
        locale: "en",
        timeZone: "Asia/Almaty",
        preModerated: false,
      },
    });
    await expect(attempt).rejects.toMatchObject({ kind: "CONFLICT", key: "emailTaken" });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ role: "analyst", agencyId: "kz-sgd-customs" });
    for (const id of ids) expect(await loadViewer(id)).not.toBeNull();
  });
});

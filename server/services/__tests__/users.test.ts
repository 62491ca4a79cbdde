import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, userTokens } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { loadViewer } from "~/server/auth/sessions";
import { anonymousCaller, callerFor, refusal } from "~/tests/callers";
import { admin, adminCaller, counts, KG, KZ, kzAdmin, kzAdminCaller, newInvite, row, useAdmins } from "./user-admins";

useAdmins();

describe("who may manage users", () => {
  it.each(["analyst", "chief", "coordinator"] as const)("refuses every users procedure to a %s, writing nothing", async (role) => {
    const { caller } = await callerFor(await createUser(db, { agencyId: role === "coordinator" ? "unodc-roca" : KZ, role }));
    const target = await createUser(db, { agencyId: KZ, role: "analyst", status: "invited", password: null });
    const before = await counts();
    const targetBefore = await row(target.id);
    const ref = { userId: target.id };
    const calls = [
      () => caller.users.list(),
      () => caller.users.formOptions(),
      () => caller.users.invite(newInvite()),
      () => caller.users.update({ ...ref, role: "chief" }),
      () => caller.users.disable(ref),
      () => caller.users.enable(ref),
      () => caller.users.resendInvitation(ref),
    ];
    for (const call of calls) expect((await refusal(call())).code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
    expect(await row(target.id)).toEqual(targetBefore);
  });

  it("answers UNAUTHORIZED without a session", async () => {
    expect((await refusal(anonymousCaller().users.list())).code).toBe("UNAUTHORIZED");
  });
});

describe("an agency admin manages only their own agency", () => {
  it("lists only their agency's users, and offers only their agency and the roles they may grant", async () => {
    const own = await createUser(db, { agencyId: KZ, role: "chief" });
    const other = await createUser(db, { agencyId: KG, role: "chief" });
    const list = await kzAdminCaller.users.list();
    expect(list.every((user) => user.agencyId === KZ)).toBe(true);
    expect(list.map((user) => user.id)).toContain(own.id);
    expect(list.map((user) => user.id)).not.toContain(other.id);
    const everyone = await adminCaller.users.list();
    expect(everyone.map((user) => user.id)).toEqual(expect.arrayContaining([own.id, other.id, kzAdmin.id]));

    const options = await kzAdminCaller.users.formOptions();
    expect(options.agencies.map((agency) => agency.id)).toEqual([KZ]);
    expect(options.roles).toEqual(["analyst", "chief", "agency_admin"]);
    expect(options.canChangeAgency).toBe(false);
    expect(options.crossings).toHaveLength(14);
    const adminOptions = await adminCaller.users.formOptions();
    expect(adminOptions.canChangeAgency).toBe(true);
    // Inactive agencies (the Chinese ones until enabled, CARICC, INCB) cannot receive users.
    expect(adminOptions.agencies.map((agency) => agency.id)).toEqual(expect.arrayContaining([KZ, KG, "unodc-roca"]));
    expect(adminOptions.agencies.map((agency) => agency.id)).not.toContain("caricc");
  });

  it("cannot touch another agency's user: not found, and the row is unchanged", async () => {
    const other = await createUser(db, { agencyId: KG, role: "analyst", status: "invited", password: null });
    const before = await row(other.id);
    const auditBefore = await db.$count(auditLog);
    const ref = { userId: other.id };
    for (const call of [
      () => kzAdminCaller.users.update({ ...ref, role: "chief", name: "Renamed" }),
      () => kzAdminCaller.users.disable(ref),
      () => kzAdminCaller.users.enable(ref),
      () => kzAdminCaller.users.resendInvitation(ref),
    ]) {
      expect(await refusal(call())).toMatchObject({ code: "NOT_FOUND", key: "notFound" });
    }
    expect(await row(other.id)).toEqual(before);
    expect(await db.$count(userTokens, eq(userTokens.userId, other.id))).toBe(0);
    expect(await db.$count(auditLog)).toBe(auditBefore);
  });

  it("cannot grant the coordinator or admin role, by invitation or by update", async () => {
    const officer = await createUser(db, { agencyId: KZ, role: "analyst" });
    const before = await counts();
    for (const role of ["coordinator", "admin"] as const) {
      expect(await refusal(kzAdminCaller.users.update({ userId: officer.id, role }))).toMatchObject({
        code: "FORBIDDEN",
        fields: { role: { key: "roleNotGrantable" } },
      });
      expect(await refusal(kzAdminCaller.users.invite(newInvite({ role })))).toMatchObject({
        code: "FORBIDDEN",
        fields: { role: { key: "roleNotGrantable" } },
      });
    }
    expect((await row(officer.id)).role).toBe("analyst");
    expect(await counts()).toEqual(before);
  });

  it("cannot move a user to another agency, nor invite into one", async () => {
    const officer = await createUser(db, { agencyId: KZ, role: "analyst" });
    const before = await counts();
    const officerBefore = await row(officer.id);
    expect(await refusal(kzAdminCaller.users.update({ userId: officer.id, agencyId: KG }))).toMatchObject({
      fields: { agencyId: { key: "agencyChangeNotAllowed" } },
    });
    expect(await refusal(kzAdminCaller.users.invite(newInvite({ agencyId: KG })))).toMatchObject({
      fields: { agencyId: { key: "unknownAgency" } },
    });
    expect(await row(officer.id)).toEqual(officerBefore);
    expect(await counts()).toEqual(before);
  });
});

describe("an agency admin within their own agency", () => {
  it("cannot disable themselves, nor act on a platform admin of their own agency", async () => {
    const kzPlatformAdmin = await createUser(db, { agencyId: KZ, role: "admin" });
    const before = await counts();
    expect(await refusal(kzAdminCaller.users.disable({ userId: kzAdmin.id }))).toMatchObject({ code: "FORBIDDEN", key: "cannotDisableSelf" });
    expect(await refusal(kzAdminCaller.users.disable({ userId: kzPlatformAdmin.id }))).toMatchObject({ code: "FORBIDDEN", key: "userNotManageable" });
    expect(await refusal(kzAdminCaller.users.update({ userId: kzPlatformAdmin.id, role: "analyst" }))).toMatchObject({
      key: "userNotManageable",
    });
    expect((await row(kzAdmin.id)).status).toBe("active");
    expect((await row(kzPlatformAdmin.id)).role).toBe("admin");
    expect(await counts()).toEqual(before);
  });

  it("updates their own agency's users within the roles they may grant", async () => {
    const officer = await createUser(db, { agencyId: KZ, role: "analyst" });
    await kzAdminCaller.users.update({ userId: officer.id, role: "chief", dutyStationId: "dostyk", name: "Promoted Officer" });
    const after = await row(officer.id);
    expect(after).toMatchObject({ role: "chief", dutyStationId: "dostyk", name: "Promoted Officer", sessionVersion: officer.sessionVersion + 1 });
  });
});

describe("an admin manages every agency", () => {
  it("changes role and agency, ending the user's open sessions, and audits old → new", async () => {
    const officer = await createUser(db, { agencyId: KG, role: "analyst" });
    const { sessionId } = await callerFor(officer);
    await adminCaller.users.update({ userId: officer.id, role: "coordinator", agencyId: "unodc-roca" });
    const after = await row(officer.id);
    expect(after).toMatchObject({ role: "coordinator", agencyId: "unodc-roca", sessionVersion: officer.sessionVersion + 1 });
    expect(await loadViewer(sessionId)).toBeNull();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.update"), eq(auditLog.targetId, officer.id)));
    expect(entry).toMatchObject({
      actorUserId: admin.id,
      targetType: "user",
      details: { role: { from: "analyst", to: "coordinator" }, agencyId: { from: KG, to: "unodc-roca" } },
    });
  });

  it("keeps sessions when only the name or duty station changes, and writes nothing for no change", async () => {
    const officer = await createUser(db, { agencyId: KG, role: "chief" });
    const { sessionId } = await callerFor(officer);
    await adminCaller.users.update({ userId: officer.id, name: "New Name", dutyStationId: "torugart" });
    expect(await row(officer.id)).toMatchObject({ name: "New Name", dutyStationId: "torugart", sessionVersion: officer.sessionVersion });
    expect(await loadViewer(sessionId)).not.toBeNull();
    const auditBefore = await db.$count(auditLog);
    await adminCaller.users.update({ userId: officer.id, name: "New Name", role: "chief" });
    expect(await db.$count(auditLog)).toBe(auditBefore);
  });

  it("refuses an unknown duty station or agency with a field error", async () => {
    const officer = await createUser(db, { agencyId: KG, role: "chief" });
    expect(await refusal(adminCaller.users.update({ userId: officer.id, dutyStationId: "atlantis" }))).toMatchObject({
      fields: { dutyStationId: { key: "unknownCrossing" } },
    });
    expect(await refusal(adminCaller.users.update({ userId: officer.id, agencyId: "incb" }))).toMatchObject({
      fields: { agencyId: { key: "unknownAgency" } },
    });
    expect(await row(officer.id)).toMatchObject({ agencyId: KG, dutyStationId: null });
  });
});

describe("disabling and enabling", () => {
  it("disables a user: their open session is refused at once, and it is audited", async () => {
    const officer = await createUser(db, { agencyId: KZ, role: "analyst" });
    const { sessionId } = await callerFor(officer);
    expect(await loadViewer(sessionId)).not.toBeNull();
    await kzAdminCaller.users.disable({ userId: officer.id });
    expect(await row(officer.id)).toMatchObject({ status: "disabled", sessionVersion: officer.sessionVersion + 1 });
    expect(await loadViewer(sessionId)).toBeNull();

    await kzAdminCaller.users.enable({ userId: officer.id });
    expect((await row(officer.id)).status).toBe("active");
    // Re-enabling does not revive the sessions the disable ended.
    expect(await loadViewer(sessionId)).toBeNull();

    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, officer.id)).orderBy(auditLog.id);
    expect(entries.map((e) => [e.action, e.actorUserId])).toEqual([
      ["user.disable", kzAdmin.id],
      ["user.enable", kzAdmin.id],
    ]);
    expect(entries[0]!.details).toMatchObject({ status: { from: "active", to: "disabled" } });
  });

  it("returns a disabled invitee to the invited state, with the old link dead", async () => {
    const { link, userId } = await kzAdminCaller.users.invite(newInvite());
    const token = link.split("/invite/")[1]!;
    await kzAdminCaller.users.disable({ userId });
    await kzAdminCaller.users.enable({ userId });
    expect((await row(userId)).status).toBe("invited");
    expect((await refusal(anonymousCaller().invitations.check({ token }))).code).toBe("NOT_FOUND");
  });
});

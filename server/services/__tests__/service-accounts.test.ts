import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog } from "~/db/schema";
import { issueKey } from "~/tests/api";
import { refusal } from "~/tests/callers";
import { counts, kzAdminCaller, row, useAdmins } from "./user-admins";

useAdmins();

const auditedFor = (userId: string) => db.$count(auditLog, and(eq(auditLog.targetType, "user"), eq(auditLog.targetId, userId)));

// A service account (README, "API") never signs in and stays an analyst of its agency: the users
// page must not offer actions that cannot apply to it, and the procedures refuse them.
describe("a service account on the users page", () => {
  it("is listed as one, and refuses a new role, ending sessions and a second-factor reset, changing nothing", async () => {
    const { accountId } = await issueKey(kzAdminCaller, ["notices:read"], { accountName: "Seizure statistics export" });
    const listed = (await kzAdminCaller.users.list()).find((user) => user.id === accountId);
    expect(listed).toMatchObject({ serviceAccount: true, role: "analyst", status: "active", manageable: true });
    expect((await kzAdminCaller.users.list()).filter((user) => user.id !== accountId).every((user) => !user.serviceAccount)).toBe(true);

    const before = { account: await row(accountId), counts: await counts(), audited: await auditedFor(accountId) };
    const refusals = await Promise.all([
      refusal(kzAdminCaller.users.update({ userId: accountId, role: "chief" })),
      refusal(kzAdminCaller.users.endSessions({ userId: accountId })),
      refusal(kzAdminCaller.users.resetSecondFactor({ userId: accountId })),
    ]);
    expect(refusals.map((error) => [error.code, error.key])).toEqual([
      ["CONFLICT", "serviceAccountFixed"],
      ["CONFLICT", "serviceAccountNoSignIn"],
      ["CONFLICT", "serviceAccountNoSignIn"],
    ]);
    expect({ account: await row(accountId), counts: await counts(), audited: await auditedFor(accountId) }).toEqual(before);
  });

  it("may still be renamed, disabled and enabled again, each audited", async () => {
    const { accountId } = await issueKey(kzAdminCaller, ["notices:read"], { accountName: "Risk engine" });
    await kzAdminCaller.users.update({ userId: accountId, name: "Customs risk engine" });
    await kzAdminCaller.users.disable({ userId: accountId });
    expect((await row(accountId)).status).toBe("disabled");
    await kzAdminCaller.users.enable({ userId: accountId });
    // No password by design: it is active again, never waiting for an invitation.
    expect(await row(accountId)).toMatchObject({ name: "Customs risk engine", status: "active", role: "analyst" });
    expect(await auditedFor(accountId)).toBeGreaterThanOrEqual(3);
  });
});

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, userTokens, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { env } from "~/env.js";
import { anonymousCaller, refusal } from "~/tests/callers";
import { adminCaller, counts, KG, KZ, kzAdmin, kzAdminCaller, newInvite, row, useAdmins } from "./user-admins";

useAdmins();

// Invitations: the link and its token, an email already taken, resending; and the command line
// that invites through the same service.

describe("inviting", () => {
  it("creates an invited user without password, and a link whose token is stored only as its hash", async () => {
    const input = newInvite({ email: "  Mixed.Case@Example.ORG ", role: "chief", dutyStationId: "khorgos", locale: "ru", timeZone: "Asia/Almaty" });
    const result = await kzAdminCaller.users.invite(input);
    expect(result.link.startsWith(`${env.APP_URL}/invite/`)).toBe(true);
    const token = result.link.slice(`${env.APP_URL}/invite/`.length);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const user = await row(result.userId);
    expect(user).toMatchObject({
      email: "mixed.case@example.org",
      status: "invited",
      passwordHash: null,
      role: "chief",
      agencyId: KZ,
      dutyStationId: "khorgos",
      locale: "ru",
    });
    const [stored] = await db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(stored).toMatchObject({ purpose: "invitation", usedAt: null, tokenHash: createHash("sha256").update(token).digest("hex") });
    expect(JSON.stringify(stored)).not.toContain(token);
    const hours = (stored!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    expect(result.expiresAt).toEqual(stored!.expiresAt);

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.invite"), eq(auditLog.targetId, user.id)));
    expect(entry).toMatchObject({
      actorUserId: kzAdmin.id,
      actorAgencyId: KZ,
      targetType: "user",
      details: { email: "mixed.case@example.org", role: "chief" },
    });
    expect(JSON.stringify(entry)).not.toContain(token);
  });

  it.each([
    ["a malformed email", { email: "not-an-email" }, "email", "email"],
    ["an unknown agency", { agencyId: "no-such-agency" }, "agencyId", "unknownAgency"],
    ["an inactive agency", { agencyId: "caricc" }, "agencyId", "unknownAgency"],
    ["an unknown duty station", { dutyStationId: "atlantis" }, "dutyStationId", "unknownCrossing"],
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone", "unknownTimeZone"],
    ["an unknown role", { role: "superuser" as never }, "role", "invalidChoice"],
    ["an empty name", { name: "  " }, "name", "required"],
  ])("refuses %s with a field error and writes nothing", async (_, overrides, field, key) => {
    const before = await counts();
    const failure = await refusal(adminCaller.users.invite(newInvite(overrides)));
    expect(failure.fields[field]).toMatchObject({ key });
    expect(await counts()).toEqual(before);
  });

  it("refuses an email that exists in another case", async () => {
    const existing = await createUser(db, { agencyId: KG, role: "analyst", email: "taken.address@example.org" });
    const before = await counts();
    expect(await refusal(adminCaller.users.invite(newInvite({ email: "Taken.Address@EXAMPLE.org" })))).toMatchObject({
      code: "CONFLICT",
      fields: { email: { key: "emailTaken" } },
    });
    expect(await counts()).toEqual(before);
    expect(await db.$count(users, sql`lower(${users.email}) = 'taken.address@example.org'`)).toBe(1);
    expect((await row(existing.id)).agencyId).toBe(KG);
  });

  it("resends: a new link works, the earlier ones no longer do", async () => {
    const first = await kzAdminCaller.users.invite(newInvite());
    const second = await kzAdminCaller.users.resendInvitation({ userId: first.userId });
    expect(second.link).not.toBe(first.link);
    const tokenOf = (link: string) => link.split("/invite/")[1]!;
    expect((await refusal(anonymousCaller().invitations.check({ token: tokenOf(first.link) }))).code).toBe("NOT_FOUND");
    await expect(anonymousCaller().invitations.check({ token: tokenOf(second.link) })).resolves.toMatchObject({ name: "New Officer" });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.invitation_resend"), eq(auditLog.targetId, first.userId)));
    expect(entry).toMatchObject({ actorUserId: kzAdmin.id });
  });

  it("does not resend to a user who is already active", async () => {
    const officer = await createUser(db, { agencyId: KZ, role: "analyst" });
    expect(await refusal(kzAdminCaller.users.resendInvitation({ userId: officer.id }))).toMatchObject({ code: "CONFLICT", key: "notInvited" });
    expect(await db.$count(userTokens, eq(userTokens.userId, officer.id))).toBe(0);
  });
});

describe("npm run user:create", () => {
  const run = promisify(execFile);
  const cli = (args: string[]) =>
    run(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], { env: process.env, cwd: process.cwd() }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("invites through the same service, with the command line as the audited actor", async () => {
    const result = await cli([
      "--email",
      "First.Admin@Example.org",
      "--agency",
      "unodc-roca",
      "--role",
      "admin",
      "--name",
      "First Admin",
      "--time-zone",
      "Asia/Bishkek",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${env.APP_URL}/invite/`);
    expect(result.stdout).toContain("72 hours");
    const [user] = await db.select().from(users).where(eq(users.email, "first.admin@example.org"));
    expect(user).toMatchObject({ name: "First Admin", role: "admin", agencyId: "unodc-roca", status: "invited", timeZone: "Asia/Bishkek", passwordHash: null });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.invite"), eq(auditLog.targetId, user!.id)));
    expect(entry).toMatchObject({ actorUserId: null, details: { via: "cli", role: "admin" } });
    const token = result.stdout.split("/invite/")[1]!.trim();
    await expect(anonymousCaller().invitations.check({ token })).resolves.toEqual({ email: "first.admin@example.org", name: "First Admin" });
  });

  it("explains bad input in plain English, exits 1 and writes nothing", async () => {
    const before = await counts();
    const unknown = await cli(["--email", "someone@example.org", "--agency", "xyz", "--role", "chief"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--agency "xyz": Unknown agency');
    const malformed = await cli(["--email", "not-an-email", "--agency", KZ, "--role", "boss"]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('--email "not-an-email": Enter a valid email address.');
    expect(malformed.stderr).toContain("--role");
    const missing = await cli(["--email", "someone@example.org"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Missing --agency");
    expect(await counts()).toEqual(before);
  });
});

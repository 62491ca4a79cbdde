import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import { can, PERMISSIONS, type Permission } from "~/server/auth/permissions";
import { ROLES, type Role } from "~/server/auth/roles";
import { anonymousCaller, callerFor } from "~/tests/callers";
import { procedureOf, procedures } from "~/tests/procedures";

// Open without a session by design: the health check and the invitation flow (whose token is
// the credential).
const PUBLIC = new Set(["health.ping", "invitations.check", "invitations.accept"]);

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

/** Calls a procedure by its dotted path with no input, returning the tRPC error code or "OK". */
async function outcome(caller: Caller, path: string): Promise<string> {
  try {
    await procedureOf(caller, path)(undefined);
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("the permission table is the only gate", () => {
  it("has a permission declared on every procedure that is not public by design", () => {
    expect(procedures.length).toBeGreaterThan(3);
    const undeclared = procedures.filter((p) => !p.permission && !PUBLIC.has(p.path)).map((p) => p.path);
    expect(undeclared).toEqual([]);
  });

  it("names only permissions that exist in the table", () => {
    for (const { permission } of procedures) if (permission) expect(Object.keys(PERMISSIONS)).toContain(permission);
  });

  it("answers UNAUTHORIZED to an anonymous caller on every non-public procedure", async () => {
    for (const { path } of procedures.filter((p) => !PUBLIC.has(p.path))) {
      expect([path, await outcome(anonymousCaller(), path)]).toEqual([path, "UNAUTHORIZED"]);
    }
  });

  describe.each(ROLES)("as %s", (role: Role) => {
    let caller: Caller;
    beforeAll(async () => {
      const agencyId = role === "coordinator" || role === "admin" ? "unodc-roca" : "kz-sgd-customs";
      caller = (await callerFor(await createUser(db, { agencyId, role }))).caller;
    });

    it("reaches exactly the procedures its permissions allow", async () => {
      for (const { path, permission } of procedures.filter((p) => p.permission)) {
        const result = await outcome(caller, path);
        // Allowed calls go on to input validation (BAD_REQUEST with no input) or succeed; a
        // refused one stops at the permission check before its input is even read.
        if (can(role, permission as Permission)) expect([path, result]).not.toEqual([path, "FORBIDDEN"]);
        else expect([path, result]).toEqual([path, "FORBIDDEN"]);
      }
    });
  });
});

describe("the role → permission table", () => {
  it.each(Object.entries(PERMISSIONS))("%s is granted to exactly its listed roles", (permission, roles) => {
    for (const role of ROLES) expect(can(role, permission as Permission)).toBe((roles as readonly Role[]).includes(role));
  });

  it("keeps site-wide powers away from agency roles", () => {
    for (const role of ["analyst", "chief", "agency_admin"] as const) {
      expect(can(role, "agency.manage")).toBe(false);
      expect(can(role, "reference.curate")).toBe(false);
      // The stored-mail mailbox holds other users' mail.
      expect(can(role, "mail.admin")).toBe(false);
    }
    expect(can("analyst", "user.manage")).toBe(false);
    expect(can("chief", "user.manage")).toBe(false);
  });
});

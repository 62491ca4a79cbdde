import { TRPCError } from "@trpc/server";
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, userTokens, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { signInWithPassword } from "~/server/services/sign-in";
import { loadViewer } from "~/server/auth/sessions";
import { anonymousCaller, callerFor, refusal } from "~/tests/callers";

const PASSWORD = "juniper lantern over the pamir";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
let admin: Caller;

beforeAll(async () => {
  admin = (await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "admin" }))).caller;
});

let sequence = 0;
async function invite() {
  const email = `invitee-${++sequence}@example.org`;
  const name = `Invitee ${sequence}`;
  const { link, userId } = await admin.users.invite({ email, name, agencyId: "kg-mvd-sbnon", role: "analyst" });
  return { email, name, userId, token: link.split("/invite/")[1]! };
}

const accept = (token: string, password = PASSWORD, confirmPassword = password) => anonymousCaller().invitations.accept({ token, password, confirmPassword });

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const signIn = (email: string, password: string) => signInWithPassword({ credentials: { email, password }, ip: "198.51.100.7", userAgent: "vitest" });

describe("accepting an invitation", () => {
  it("shows whom the link invites, sets the password, activates the account, and sign-in then works", async () => {
    const { email, name, userId, token } = await invite();
    await expect(anonymousCaller().invitations.check({ token })).resolves.toEqual({ email, name });
    expect(await signIn(email, PASSWORD)).toBeNull();

    await expect(accept(token)).resolves.toEqual({ email });
    const user = await userRow(userId);
    expect(user.status).toBe("active");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await db.$count(userTokens, and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)))).toBe(0);

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.activate"), eq(auditLog.targetId, userId)));
    expect(entry).toMatchObject({ actorUserId: userId, actorAgencyId: "kg-mvd-sbnon", targetType: "user" });
    expect(JSON.stringify(entry)).not.toContain(token);
    expect(JSON.stringify(entry)).not.toContain(PASSWORD);

    const session = await signIn(email.toUpperCase(), PASSWORD);
    expect(session?.userId).toBe(userId);
    expect(await loadViewer(session!.sessionId)).toMatchObject({ email, role: "analyst" });
  });

  it("refuses a link that was used already", async () => {
    const { token, userId } = await invite();
    await accept(token);
    const hash = (await userRow(userId)).passwordHash;
    expect(await codeOf(anonymousCaller().invitations.check({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(accept(token, "another password, also long enough"))).toBe("NOT_FOUND");
    expect((await userRow(userId)).passwordHash).toBe(hash);
  });

  it("refuses an expired link, and an unknown one", async () => {
    const { token, userId } = await invite();
    await db
      .update(userTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(userTokens.userId, userId));
    expect(await codeOf(anonymousCaller().invitations.check({ token }))).toBe("NOT_FOUND");
    expect(await codeOf(accept(token))).toBe("NOT_FOUND");
    expect(await userRow(userId)).toMatchObject({ status: "invited", passwordHash: null });
    expect(await codeOf(anonymousCaller().invitations.check({ token: "A".repeat(43) }))).toBe("NOT_FOUND");
  });

  it("refuses the link of a user who was disabled meanwhile", async () => {
    const { token, userId } = await invite();
    await admin.users.disable({ userId });
    expect(await codeOf(accept(token))).toBe("NOT_FOUND");
    expect(await userRow(userId)).toMatchObject({ status: "disabled", passwordHash: null });
  });

  it("refuses a password under 15 characters, or a confirmation that differs, on the field; the user stays invited", async () => {
    const { token, userId } = await invite();
    expect(await refusal(accept(token, "fourteen chars"))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { password: { key: "tooShort", values: { min: 15 } } },
    });
    expect(await refusal(accept(token, PASSWORD, `${PASSWORD}!`))).toEqual({
      code: "BAD_REQUEST",
      key: null,
      fields: { confirmPassword: { key: "passwordMismatch" } },
    });
    expect(await userRow(userId)).toMatchObject({ status: "invited", passwordHash: null });
    expect(await db.$count(auditLog, eq(auditLog.targetId, userId))).toBe(1);
    // The link still works once the invitee gets it right.
    await expect(accept(token)).resolves.toMatchObject({ email: expect.any(String) });
  });
});

import { eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import { db } from "~/db/index";
import { auditLog, userTokens, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import type { UserInviteInput } from "~/schemas/users";
import { callerFor } from "~/tests/callers";

// What the user-management tests share (users.test.ts, user-invitations.test.ts): the admins who
// act, a fresh invitation's input, and the rows they check.

export const KZ = "kz-sgd-customs";
export const KG = "kg-customs";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

let sequence = 0;
export const newInvite = (overrides: Partial<UserInviteInput> = {}): UserInviteInput => ({
  email: `invitee-${++sequence}-${process.pid}@example.org`,
  name: "New Officer",
  agencyId: KZ,
  role: "analyst",
  ...overrides,
});

export const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
export const counts = async () => ({
  users: await db.$count(users),
  tokens: await db.$count(userTokens),
  audit: await db.$count(auditLog),
});

export let admin: Awaited<ReturnType<typeof createUser>>;
export let adminCaller: Caller;
export let kzAdmin: Awaited<ReturnType<typeof createUser>>;
export let kzAdminCaller: Caller;

/** A platform admin and an agency admin of KZ, made before the file's tests. */
export function useAdmins() {
  beforeAll(async () => {
    admin = await createUser(db, { agencyId: "unodc-roca", role: "admin" });
    adminCaller = (await callerFor(admin)).caller;
    kzAdmin = await createUser(db, { agencyId: KZ, role: "agency_admin" });
    kzAdminCaller = (await callerFor(kzAdmin)).caller;
  });
}

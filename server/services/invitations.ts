import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, type DbOrTx } from "~/db/index";
import { userTokens, users } from "~/db/schema";
import { env } from "~/env.js";
import type { ZInvitationAccept, ZInvitationCheck } from "~/schemas/users";
import { hashPassword } from "~/server/auth/password";
import { assertStrongPassword } from "~/server/services/password-policy";
import { audit } from "~/server/services/audit";
import { ServiceError } from "~/server/services/errors";

export const INVITATION_TTL_HOURS = 72;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

// Used, expired, superseded and unknown links all look the same to whoever holds one.
const invitationInvalid = () => new ServiceError("NOT_FOUND", "invitationInvalid");

export type Invitation = { link: string; expiresAt: Date };

/**
 * Replaces any unused invitation of the user with a fresh one. The token itself leaves this
 * function once, inside the link; the database keeps only its hash.
 */
export async function issueInvitation(tx: DbOrTx, userId: string): Promise<Invitation> {
  await revokeInvitations(tx, userId);
  const token = randomBytes(32).toString("base64url");
  const [row] = await tx
    .insert(userTokens)
    .values({
      userId,
      purpose: "invitation",
      tokenHash: hashToken(token),
      expiresAt: sql`now() + make_interval(hours => ${INVITATION_TTL_HOURS})`,
    })
    .returning({ expiresAt: userTokens.expiresAt });
  return { link: `${env.APP_URL}/invite/${token}`, expiresAt: row!.expiresAt };
}

/** Marks the user's unused invitation links as spent, so that none of them works any more. */
export async function revokeInvitations(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, "invitation"), isNull(userTokens.usedAt)));
}

const usable = (tokenHash: string) =>
  and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.purpose, "invitation"), isNull(userTokens.usedAt), sql`${userTokens.expiresAt} > now()`);

/** Whom a link invites, while it can still be accepted. */
export async function checkInvitation({ input }: { input: z.output<typeof ZInvitationCheck> }): Promise<{ email: string; name: string }> {
  const [row] = await db
    .select({ email: users.email, name: users.name })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(usable(hashToken(input.token)), eq(users.status, "invited")));
  if (!row) throw invitationInvalid();
  return row;
}

/** Sets the invitee's password and activates the account; the link is spent in the same transaction. */
export async function acceptInvitation({ input, ip }: { input: z.output<typeof ZInvitationAccept>; ip: string | null }): Promise<{ email: string }> {
  // Checked first so that a dead link costs no password hashing.
  const invited = await checkInvitation({ input });
  await assertStrongPassword(input.password, "password", invited);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // The conditional update is what makes a link single-use when two requests race.
    const [token] = await tx
      .update(userTokens)
      .set({ usedAt: sql`now()` })
      .where(usable(hashToken(input.token)))
      .returning({ userId: userTokens.userId });
    if (!token) throw invitationInvalid();
    const [user] = await tx
      .update(users)
      .set({ passwordHash, status: "active" })
      .where(and(eq(users.id, token.userId), eq(users.status, "invited")))
      .returning({ id: users.id, email: users.email, agencyId: users.agencyId });
    if (!user) throw invitationInvalid();
    await revokeInvitations(tx, user.id);
    await audit(tx, {
      action: "user.activate",
      actor: { userId: user.id, agencyId: user.agencyId },
      target: { type: "user", id: user.id },
      ip,
    });
    return { email: user.email };
  });
}

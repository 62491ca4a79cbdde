import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, type Tx } from "~/db/index";
import { agencies, crossings, recoveryCodes, totpCredentials, users } from "~/db/schema";
import type { UserInvite, ZUserRef, ZUserUpdate } from "~/schemas/users";
import { GRANTABLE_ROLES } from "~/server/auth/permissions";
import { ROLES, type Role } from "~/server/auth/roles";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { issueInvitation, revokeInvitations, type Invitation } from "~/server/services/invitations";

/** Whoever runs `npm run user:create` operates the server itself: no user behind it, no limits. */
export const CLI_ACTOR = { system: "cli" } as const;
export type Actor = Viewer | typeof CLI_ACTOR;

type Scope = {
  actor: { userId: string; agencyId: string } | null;
  /** The one agency whose users the actor reaches, or null for every agency. */
  agencyId: string | null;
  grantable: readonly Role[];
  selfId: string | null;
  /** Added to every audit entry, to tell changes made outside the UI apart. */
  origin: Record<string, string>;
};

function scopeOf(actor: Actor): Scope {
  if ("system" in actor) return { actor: null, agencyId: null, grantable: ROLES, selfId: null, origin: { via: actor.system } };
  // The procedures check this too; repeated here because a service must never widen what a caller may do.
  if (!actor.permissions.has("user.manage")) throw new ServiceError("FORBIDDEN", "FORBIDDEN");
  return {
    actor: { userId: actor.userId, agencyId: actor.agencyId },
    agencyId: actor.permissions.has("user.manage_all") ? null : actor.agencyId,
    grantable: GRANTABLE_ROLES[actor.role],
    selfId: actor.userId,
    origin: {},
  };
}

const inScope = (scope: Scope) => (scope.agencyId === null ? undefined : eq(users.agencyId, scope.agencyId));
const agencyInScope = (scope: Scope) => (scope.agencyId === null ? undefined : eq(agencies.id, scope.agencyId));

function assertGrantable(scope: Scope, role: Role): void {
  if (!scope.grantable.includes(role)) throw new ServiceError("FORBIDDEN", "roleNotGrantable", "role");
}

async function assertAgency(tx: Tx, scope: Scope, agencyId: string): Promise<void> {
  const [agency] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.id, agencyId), eq(agencies.active, true), agencyInScope(scope)));
  if (!agency) throw new ServiceError("INVALID", "unknownAgency", "agencyId");
}

async function assertCrossing(tx: Tx, crossingId: string | null): Promise<void> {
  if (crossingId === null) return;
  const [crossing] = await tx.select({ id: crossings.id }).from(crossings).where(eq(crossings.id, crossingId));
  if (!crossing) throw new ServiceError("INVALID", "unknownCrossing", "dutyStationId");
}

/**
 * The user, locked for the change, if the actor may manage them: out of scope is not found; a
 * user holding a role the actor could not grant (an agency admin facing a platform admin of
 * their agency) is refused, so that no one can act on an account more powerful than they may create.
 */
async function manageableUser(tx: Tx, scope: Scope, userId: string) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), inScope(scope)))
    .for("update");
  if (!user) throw notFound();
  if (!scope.grantable.includes(user.role)) throw new ServiceError("FORBIDDEN", "userNotManageable");
  return user;
}

const bumpSessionVersion = { sessionVersion: sql`${users.sessionVersion} + 1` };

export async function listUsers({ viewer }: { viewer: Actor }) {
  const scope = scopeOf(viewer);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      agencyId: users.agencyId,
      agencyName: { en: agencies.nameEn, ru: agencies.nameRu, zh: agencies.nameZh },
      dutyStationId: users.dutyStationId,
      lastSignInAt: users.lastSignInAt,
      preModerated: users.preModerated,
      serviceAccount: users.serviceAccount,
    })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(inScope(scope))
    .orderBy(asc(agencies.shortName), asc(users.name), asc(users.email));
  return rows.map((row) => ({ ...row, manageable: scope.grantable.includes(row.role), isSelf: row.id === scope.selfId }));
}

/** What the invitation and edit forms may offer this actor. */
export async function userFormOptions({ viewer }: { viewer: Actor }) {
  const scope = scopeOf(viewer);
  const [agencyRows, crossingRows] = await Promise.all([
    db
      .select({ id: agencies.id, shortName: agencies.shortName, name: { en: agencies.nameEn, ru: agencies.nameRu, zh: agencies.nameZh } })
      .from(agencies)
      .where(and(eq(agencies.active, true), agencyInScope(scope)))
      .orderBy(asc(agencies.shortName)),
    db
      .select({ id: crossings.id, name: { en: crossings.nameEn, ru: crossings.nameRu, zh: crossings.nameZh } })
      .from(crossings)
      .orderBy(asc(crossings.nameEn)),
  ]);
  return { agencies: agencyRows, crossings: crossingRows, roles: [...scope.grantable], canChangeAgency: scope.agencyId === null };
}

type Change<I> = { viewer: Actor; input: I; ip?: string | null };

/**
 * Creating a user is inviting them: the account waits, without a password, until the invitee
 * follows the link returned here (shown once to whoever invited them) and chooses one.
 */
export async function inviteUser({ viewer, input, ip = null }: Change<UserInvite>): Promise<Invitation & { userId: string }> {
  const scope = scopeOf(viewer);
  assertGrantable(scope, input.role);
  return db.transaction(async (tx) => {
    await assertAgency(tx, scope, input.agencyId);
    await assertCrossing(tx, input.dutyStationId);
    // The unique index on lower(email) decides, so two simultaneous invitations cannot both pass.
    const [user] = await tx
      .insert(users)
      .values({ ...input, status: "invited", passwordHash: null })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new ServiceError("CONFLICT", "emailTaken", "email");
    const invitation = await issueInvitation(tx, user.id);
    await audit(tx, {
      action: "user.invite",
      actor: scope.actor,
      target: { type: "user", id: user.id },
      ip,
      details: {
        email: input.email,
        agencyId: input.agencyId,
        role: input.role,
        dutyStationId: input.dutyStationId,
        preModerated: input.preModerated,
        ...scope.origin,
      },
    });
    return { userId: user.id, ...invitation };
  });
}

export async function updateUser({ viewer, input, ip = null }: Change<z.output<typeof ZUserUpdate>>): Promise<void> {
  const scope = scopeOf(viewer);
  await db.transaction(async (tx) => {
    const { userId, ...wanted } = input;
    const user = await manageableUser(tx, scope, userId);
    const changes: Partial<typeof wanted> = {};
    const details: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(wanted) as (keyof typeof wanted)[]) {
      const value = wanted[key];
      if (value === undefined || value === user[key]) continue;
      Object.assign(changes, { [key]: value });
      details[key] = { from: user[key], to: value };
    }
    // A service account reads what an analyst of its agency reads (README, "API"): its keys' reach is
    // decided by that, not by whoever edits the account.
    if (user.serviceAccount && (changes.role || changes.agencyId))
      throw new ServiceError("CONFLICT", "serviceAccountFixed", changes.role ? "role" : "agencyId");
    if (changes.role) assertGrantable(scope, changes.role);
    if (changes.agencyId) {
      if (scope.agencyId !== null) throw new ServiceError("FORBIDDEN", "agencyChangeNotAllowed", "agencyId");
      await assertAgency(tx, scope, changes.agencyId);
    }
    if (changes.dutyStationId) await assertCrossing(tx, changes.dutyStationId);
    if (Object.keys(details).length === 0) return;
    // A new role or agency changes what the user may see: sessions opened under the old one end.
    const revokesSessions = changes.role !== undefined || changes.agencyId !== undefined;
    await tx
      .update(users)
      .set({ ...changes, ...(revokesSessions ? bumpSessionVersion : {}) })
      .where(eq(users.id, user.id));
    await audit(tx, { action: "user.update", actor: scope.actor, target: { type: "user", id: user.id }, ip, details: { ...details, ...scope.origin } });
  });
}

export async function disableUser({ viewer, input, ip = null }: Change<z.output<typeof ZUserRef>>): Promise<void> {
  const scope = scopeOf(viewer);
  await db.transaction(async (tx) => {
    const user = await manageableUser(tx, scope, input.userId);
    // Locking oneself out would leave an agency without the admin who could undo it.
    if (user.id === scope.selfId) throw new ServiceError("FORBIDDEN", "cannotDisableSelf");
    if (user.status === "disabled") return;
    await tx
      .update(users)
      .set({ status: "disabled", ...bumpSessionVersion })
      .where(eq(users.id, user.id));
    await revokeInvitations(tx, user.id);
    await audit(tx, {
      action: "user.disable",
      actor: scope.actor,
      target: { type: "user", id: user.id },
      ip,
      details: { status: { from: user.status, to: "disabled" }, ...scope.origin },
    });
  });
}

export async function enableUser({ viewer, input, ip = null }: Change<z.output<typeof ZUserRef>>): Promise<void> {
  const scope = scopeOf(viewer);
  await db.transaction(async (tx) => {
    const user = await manageableUser(tx, scope, input.userId);
    if (user.status !== "disabled") return;
    // Someone disabled before choosing a password has no way in yet: they wait for a new invitation.
    // A service account has no password by design: it is active again, never waiting for an invitation.
    const status = user.passwordHash === null && !user.serviceAccount ? "invited" : "active";
    await tx.update(users).set({ status }).where(eq(users.id, user.id));
    await audit(tx, {
      action: "user.enable",
      actor: scope.actor,
      target: { type: "user", id: user.id },
      ip,
      details: { status: { from: "disabled", to: status }, ...scope.origin },
    });
  });
}

/** A new link for someone who has not accepted yet; the links sent before stop working. */
export async function resendInvitation({ viewer, input, ip = null }: Change<z.output<typeof ZUserRef>>): Promise<Invitation> {
  const scope = scopeOf(viewer);
  return db.transaction(async (tx) => {
    const user = await manageableUser(tx, scope, input.userId);
    if (user.status !== "invited") throw new ServiceError("CONFLICT", "notInvited");
    const invitation = await issueInvitation(tx, user.id);
    await audit(tx, { action: "user.invitation_resend", actor: scope.actor, target: { type: "user", id: user.id }, ip, details: { ...scope.origin } });
    return invitation;
  });
}

/**
 * Ends every session of a user the actor manages (a lost laptop, a suspicion) without disabling
 * the account: the session version moves on, so each session is refused at its next request.
 */
export async function endUserSessions({ viewer, input, ip = null }: Change<z.output<typeof ZUserRef>>): Promise<void> {
  const scope = scopeOf(viewer);
  await db.transaction(async (tx) => {
    const user = await manageableUser(tx, scope, input.userId);
    if (user.serviceAccount) throw new ServiceError("CONFLICT", "serviceAccountNoSignIn");
    await tx.update(users).set(bumpSessionVersion).where(eq(users.id, user.id));
    await audit(tx, { action: "user.end_sessions", actor: scope.actor, target: { type: "user", id: user.id }, ip, details: { ...scope.origin } });
  });
}

/**
 * For a user who lost their authenticator and their recovery codes: removes both and ends their
 * sessions. They enrol a new authenticator at their next sign-in (their password still needed),
 * or sign in with the password alone if their role does not require a second factor.
 */
export async function resetSecondFactor({ viewer, input, ip = null }: Change<z.output<typeof ZUserRef>>): Promise<void> {
  const scope = scopeOf(viewer);
  await db.transaction(async (tx) => {
    const user = await manageableUser(tx, scope, input.userId);
    if (user.id === scope.selfId) throw new ServiceError("FORBIDDEN", "cannotResetOwnSecondFactor");
    if (user.serviceAccount) throw new ServiceError("CONFLICT", "serviceAccountNoSignIn");
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.update(users).set(bumpSessionVersion).where(eq(users.id, user.id));
    await audit(tx, { action: "user.mfa_reset", actor: scope.actor, target: { type: "user", id: user.id }, ip, details: { ...scope.origin } });
  });
}

import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { crossings, sessions, users } from "~/db/schema";
import type { ZPasswordChange, ZPreferences } from "~/schemas/profile";
import { hashPassword, verifyPassword } from "~/server/auth/password";
import { assertStrongPassword } from "~/server/services/password-policy";
import type { Viewer } from "~/server/auth/sessions";
import { accountBucket, releaseAttempt, reserveAttempt } from "~/server/auth/throttle";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";

const actorOf = (viewer: Viewer) => ({ userId: viewer.userId, agencyId: viewer.agencyId });

/** The viewer's own account, with their duty station's names for display. */
export async function getProfile({ viewer }: { viewer: Viewer }) {
  const [station] = viewer.dutyStationId
    ? await db
        .select({ id: crossings.id, en: crossings.nameEn, ru: crossings.nameRu, zh: crossings.nameZh })
        .from(crossings)
        .where(eq(crossings.id, viewer.dutyStationId))
    : [];
  return {
    name: viewer.name,
    email: viewer.email,
    role: viewer.role,
    agency: { id: viewer.agencyId, name: viewer.agencyName },
    dutyStation: station ? { id: station.id, name: { en: station.en, ru: station.ru, zh: station.zh } } : null,
    locale: viewer.locale,
    timeZone: viewer.timeZone,
  };
}

/** Display name, language and time zone: the request configuration reads them back on every page. */
export async function updatePreferences({ viewer, input }: { viewer: Viewer; input: z.output<typeof ZPreferences> }) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ name: users.name, locale: users.locale, timeZone: users.timeZone })
      .from(users)
      .where(eq(users.id, viewer.userId))
      .for("update");
    // The session was checked moments ago; a user gone since then is one more dead session.
    if (!current) throw notFound();
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter((field) => input[field] !== current[field]);
    if (changed.length > 0) {
      await tx.update(users).set(input).where(eq(users.id, viewer.userId));
      await audit(tx, {
        action: "profile.update",
        actor: actorOf(viewer),
        target: { type: "user", id: viewer.userId },
        details: Object.fromEntries(changed.map((field) => [field, { from: current[field], to: input[field] }])),
      });
    }
    return { changed };
  });
}

/**
 * Replaces the viewer's password after checking the current one. Every other session of the user
 * ends (the version moves on); the one in use is carried over to the new version, so changing a
 * password does not sign the user out of the very page they did it on.
 */
export async function changePassword({ viewer, input, ip = null }: { viewer: Viewer; input: z.output<typeof ZPasswordChange>; ip?: string | null }) {
  await assertStrongPassword(input.newPassword, "newPassword", viewer);
  // The current password is checked like a sign-in's, against the same per-account count: a stolen
  // session guessing it here gets no more tries than a guess at the sign-in page, and a lock in
  // either place holds in both. Counted before the check, so concurrent guesses cannot slip under.
  const account = accountBucket(viewer.email.toLowerCase());
  const reservation = await reserveAttempt([account]);
  const locked = reservation.over.length > 0;
  const outcome = await db.transaction(async (tx) => {
    // Locked so that two changes at once cannot both pass the check against the same old hash.
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.userId)).for("update");
    // Verified even when locked, so that the time taken tells nothing about the password.
    const passwordOk = !!user && (await verifyPassword(user.passwordHash, input.currentPassword));
    if (locked) return "lockedOut" as const;
    if (!passwordOk) return "wrongPassword" as const;
    const [updated] = await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, viewer.userId))
      .returning({ sessionVersion: users.sessionVersion });
    await tx.update(sessions).set({ sessionVersion: updated!.sessionVersion }).where(eq(sessions.id, viewer.sessionId));
    await audit(tx, { action: "profile.password_change", actor: actorOf(viewer), target: { type: "user", id: viewer.userId } });
    return "changed" as const;
  });
  if (outcome === "changed") return releaseAttempt({ reset: [account], refund: [] });
  // Recorded like a failed sign-in: guessing through a stolen session should leave a trace.
  const actor = actorOf(viewer);
  const reason = outcome === "lockedOut" ? "locked_out" : "wrong_password";
  await audit(db, { action: "profile.password_change_failed", actor, target: { type: "user", id: viewer.userId }, ip, details: { reason } });
  if (reservation.counts.get(account.key) === account.limit.failures) {
    await audit(db, {
      action: "auth.lockout",
      actor,
      ip,
      details: { email: viewer.email, failures: account.limit.failures, minutes: account.limit.minutes, via: "password_change" },
    });
  }
  throw new ServiceError("INVALID", outcome === "lockedOut" ? "passwordAttemptsExceeded" : "currentPasswordWrong", "currentPassword");
}

/**
 * Ends every session of the viewer, this one included: the session version moves on, so each is
 * refused at its next request, on whatever device it lives.
 */
export async function signOutEverywhere({ viewer }: { viewer: Viewer }) {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, viewer.userId));
    await tx.delete(sessions).where(eq(sessions.userId, viewer.userId));
    await audit(tx, { action: "auth.signout_everywhere", actor: actorOf(viewer), target: { type: "user", id: viewer.userId } });
  });
}

import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { authenticator } from "otplib";
import { renderSVG } from "uqr";
import { db, type DbOrTx } from "~/db/index";
import { recoveryCodes, sessions, totpCredentials } from "~/db/schema";
import { decryptSecret, encryptSecret } from "~/server/auth/mfa-crypto";
import { MFA_REQUIRED_ROLES } from "~/server/auth/permissions";
import type { Viewer } from "~/server/auth/sessions";
import { releaseAttempt, reserveAttempt, secondFactorBucket } from "~/server/auth/throttle";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";

/** Whoever is at the second-factor step: a signed-in viewer, or a session waiting for its code. */
export type MfaSubject = Pick<Viewer, "userId" | "sessionId" | "email" | "role" | "agencyId" | "ip">;

const ISSUER = "Tianshan";
const STEP_SECONDS = 30;
// One step either side: a phone clock a little off, or a code typed as it rolled over.
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

const actorOf = (subject: MfaSubject) => ({ userId: subject.userId, agencyId: subject.agencyId, ip: subject.ip });

/** The time step a code belongs to, or null when it matches none in the window. */
function matchingStep(code: string, secret: string, now = Date.now()): number | null {
  const delta = authenticator.clone({ window: WINDOW, epoch: now }).checkDelta(code, secret);
  return delta === null ? null : Math.floor(now / 1000 / STEP_SECONDS) + delta;
}

const hashRecoveryCode = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");

// 15 random bytes (120 bits, 24 base32 characters): above the 112 bits from which ASVS V6.5.2
// allows a plain SHA-256 instead of a slow password hash.
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => authenticator.generateSecret(15).match(/.{4}/g)!.join("-"));
}

async function replaceRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/**
 * Passing the second factor raises what a session may do, so it continues under a new id (ASVS
 * V7.2.4): an id seen before the code, say on a shared machine, is worth nothing after it. The
 * new session keeps the old one's absolute expiry. Returns the new id, for the cookie.
 */
async function promoteSession(tx: DbOrTx, sessionId: string): Promise<string> {
  const [old] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning();
  if (!old) throw notFound();
  const [promoted] = await tx
    .insert(sessions)
    .values({
      userId: old.userId,
      sessionVersion: old.sessionVersion,
      ip: old.ip,
      userAgent: old.userAgent,
      expiresAt: old.expiresAt,
      mfaVerifiedAt: sql`now()`,
    })
    .returning({ id: sessions.id });
  return promoted!.id;
}

async function confirmedSecret(tx: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ ciphertext: totpCredentials.secretCiphertext })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), sql`${totpCredentials.confirmedAt} IS NOT NULL`));
  return row ? decryptSecret(row.ciphertext, userId) : null;
}

/**
 * Accepts a code at most once: the step it belongs to must be later than the last accepted one,
 * checked and recorded by a single conditional UPDATE. Of concurrent submissions of one code,
 * exactly one finds the row still at an older step.
 */
export async function acceptCode(tx: DbOrTx, userId: string, code: string): Promise<boolean> {
  const secret = await confirmedSecret(tx, userId);
  const step = secret && /^\d{6}$/.test(code) ? matchingStep(code, secret) : null;
  if (step === null) return false;
  const accepted = await tx
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        sql`${totpCredentials.confirmedAt} IS NOT NULL`,
        sql`(${totpCredentials.lastUsedStep} IS NULL OR ${totpCredentials.lastUsedStep} < ${step})`,
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return accepted.length > 0;
}

/**
 * Runs one second-factor attempt under the per-user throttle: guessing six digits is only
 * feasible with many tries, so each try is counted before it is checked.
 */
async function throttled<T>(subject: MfaSubject, attempt: () => Promise<T | null>, failure: { key: string; field: string }): Promise<T> {
  const bucket = secondFactorBucket(subject.userId);
  const { over } = await reserveAttempt([bucket]);
  if (over.length > 0) {
    await audit(db, { action: "auth.mfa_failed", actor: actorOf(subject), details: { reason: "throttled" } });
    throw new ServiceError("INVALID", "mfaThrottled");
  }
  const result = await attempt();
  if (result === null) {
    await audit(db, { action: "auth.mfa_failed", actor: actorOf(subject), details: { reason: failure.key } });
    throw new ServiceError("INVALID", failure.key, failure.field);
  }
  await releaseAttempt({ reset: [bucket], refund: [] });
  return result;
}

export async function mfaStatus(subject: MfaSubject) {
  const [credential] = await db
    .select({ confirmed: sql<boolean>`${totpCredentials.confirmedAt} IS NOT NULL` })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, subject.userId));
  const left = await db.$count(recoveryCodes, and(eq(recoveryCodes.userId, subject.userId), isNull(recoveryCodes.usedAt)));
  return { enrolled: credential?.confirmed ?? false, required: MFA_REQUIRED_ROLES.includes(subject.role), recoveryCodesLeft: left };
}

/**
 * Draws a new secret for the user's authenticator app. Kept unconfirmed (and not yet asked for at
 * sign-in) until the user proves with a code that their app holds it.
 */
export async function beginEnrolment(subject: MfaSubject) {
  const secret = authenticator.generateSecret(20);
  const secretCiphertext = encryptSecret(secret, subject.userId);
  const stored = await db
    .insert(totpCredentials)
    .values({ userId: subject.userId, secretCiphertext })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secretCiphertext, lastUsedStep: null, updatedAt: sql`now()` },
      setWhere: isNull(totpCredentials.confirmedAt),
    })
    .returning({ userId: totpCredentials.userId });
  if (stored.length === 0) throw new ServiceError("CONFLICT", "mfaAlreadyEnrolled");
  return enrolmentView(subject, secret);
}

function enrolmentView(subject: MfaSubject, secret: string) {
  const uri = authenticator.keyuri(subject.email, ISSUER, secret);
  const qr = `data:image/svg+xml;base64,${Buffer.from(renderSVG(uri, { border: 2 })).toString("base64")}`;
  return { secret, uri, qr };
}

/**
 * The enrolment begun and not yet confirmed, as beginEnrolment showed it: a form posted without
 * JavaScript shows it again after a refused code (the secret is never sent back by the browser).
 */
export async function pendingEnrolment(subject: MfaSubject) {
  const [pending] = await db
    .select({ ciphertext: totpCredentials.secretCiphertext })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, subject.userId), isNull(totpCredentials.confirmedAt)));
  return pending ? enrolmentView(subject, decryptSecret(pending.ciphertext, subject.userId)) : null;
}

/** Confirms enrolment with a first code; the session counts as verified, and the recovery codes are shown once. */
export async function confirmEnrolment(subject: MfaSubject, code: string) {
  return throttled(
    subject,
    () =>
      db.transaction(async (tx) => {
        const [pending] = await tx
          .select({ ciphertext: totpCredentials.secretCiphertext })
          .from(totpCredentials)
          .where(and(eq(totpCredentials.userId, subject.userId), isNull(totpCredentials.confirmedAt)))
          .for("update");
        if (!pending) throw new ServiceError("CONFLICT", "mfaNoEnrolment");
        const step = matchingStep(code, decryptSecret(pending.ciphertext, subject.userId));
        if (step === null) return null;
        await tx
          .update(totpCredentials)
          .set({ confirmedAt: sql`now()`, lastUsedStep: step })
          .where(eq(totpCredentials.userId, subject.userId));
        const codes = await replaceRecoveryCodes(tx, subject.userId);
        const sessionId = await promoteSession(tx, subject.sessionId);
        await audit(tx, {
          action: "auth.mfa_enrolled",
          actor: actorOf(subject),
          target: { type: "user", id: subject.userId },
          details: { sessionId, replaces: subject.sessionId },
        });
        return { recoveryCodes: codes, sessionId };
      }),
    { key: "mfaCodeWrong", field: "code" },
  );
}

/** Passes the session's second factor with a code from the authenticator app; returns the new session id. */
export async function verifyCode(subject: MfaSubject, code: string): Promise<{ sessionId: string }> {
  return throttled(
    subject,
    () =>
      db.transaction(async (tx) => {
        if (!(await acceptCode(tx, subject.userId, code))) return null;
        const sessionId = await promoteSession(tx, subject.sessionId);
        await audit(tx, { action: "auth.mfa_verified", actor: actorOf(subject), details: { sessionId, replaces: subject.sessionId } });
        return { sessionId };
      }),
    { key: "mfaCodeWrong", field: "code" },
  );
}

/** Passes the second factor with a recovery code, which is spent; returns the new session id. */
export async function useRecoveryCode(subject: MfaSubject, code: string): Promise<{ recoveryCodesLeft: number; sessionId: string }> {
  return throttled(
    subject,
    () =>
      db.transaction(async (tx) => {
        const spent = await tx
          .update(recoveryCodes)
          .set({ usedAt: sql`now()` })
          .where(and(eq(recoveryCodes.userId, subject.userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
          .returning({ id: recoveryCodes.id });
        if (spent.length === 0) return null;
        const left = await tx.$count(recoveryCodes, and(eq(recoveryCodes.userId, subject.userId), isNull(recoveryCodes.usedAt)));
        const sessionId = await promoteSession(tx, subject.sessionId);
        await audit(tx, { action: "auth.mfa_recovery_used", actor: actorOf(subject), details: { sessionId, replaces: subject.sessionId, left } });
        return { recoveryCodesLeft: left, sessionId };
      }),
    { key: "recoveryCodeWrong", field: "code" },
  );
}

/** New recovery codes (the old ones stop working), after a fresh code from the app. */
export async function regenerateRecoveryCodes(viewer: Viewer, code: string): Promise<{ recoveryCodes: string[] }> {
  return throttled(
    viewer,
    () =>
      db.transaction(async (tx) => {
        if (!(await acceptCode(tx, viewer.userId, code))) return null;
        const codes = await replaceRecoveryCodes(tx, viewer.userId);
        await audit(tx, { action: "auth.mfa_recovery_regenerated", actor: actorOf(viewer), target: { type: "user", id: viewer.userId } });
        return { recoveryCodes: codes };
      }),
    { key: "mfaCodeWrong", field: "code" },
  );
}

/** Removes the authenticator of a user whose role does not require one, after a fresh code. */
export async function disableMfa(viewer: Viewer, code: string): Promise<void> {
  if (MFA_REQUIRED_ROLES.includes(viewer.role)) throw new ServiceError("FORBIDDEN", "mfaRequired");
  await throttled(
    viewer,
    () =>
      db.transaction(async (tx) => {
        if (!(await acceptCode(tx, viewer.userId, code))) return null;
        await tx.delete(totpCredentials).where(eq(totpCredentials.userId, viewer.userId));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, viewer.userId));
        await audit(tx, { action: "auth.mfa_disabled", actor: actorOf(viewer), target: { type: "user", id: viewer.userId } });
        return true;
      }),
    { key: "mfaCodeWrong", field: "code" },
  );
}

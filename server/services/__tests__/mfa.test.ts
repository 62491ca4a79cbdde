import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { authenticator } from "otplib";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, recoveryCodes, sessions, totpCredentials } from "~/db/schema";
import { createUser, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "~/db/seed/factories";
import { appRouter, createCaller } from "~/server/api/root";
import { signInWithPassword } from "~/server/services/sign-in";
import { acceptCode, pendingEnrolment, RECOVERY_CODE_COUNT } from "~/server/services/mfa";
import { decryptSecret, encryptSecret } from "~/server/auth/mfa-crypto";
import { loadSession, loadViewer } from "~/server/auth/sessions";
import { SECOND_FACTOR_LIMIT } from "~/server/auth/throttle";
import { anonymousCaller, callerFor, refusal } from "~/tests/callers";

type NewUser = Parameters<typeof createUser>[1];

/** Signs in with the password, as the sign-in form does: the session may still wait for its second factor. */
async function signIn(input: NewUser) {
  const user = await createUser(db, input);
  const result = await signInWithPassword({ credentials: { email: user.email, password: DEMO_PASSWORD }, ip: "198.51.100.20", userAgent: "vitest" });
  if (!result) throw new Error("password sign-in failed");
  return { user, sessionId: result.sessionId };
}

async function pendingCaller(sessionId: string) {
  const state = await loadSession(sessionId, "198.51.100.20");
  if (state?.kind !== "mfa") throw new Error(`expected a session waiting for its second factor, got ${state?.kind}`);
  return { pending: state.pending, caller: createCaller({ viewer: null, mfaPending: state.pending, ip: "198.51.100.20", requestId: randomUUID() }) };
}

/**
 * The viewer of the session a passed second factor continues under: it gets a new id, and the id
 * it had before the code no longer works.
 */
async function promotedViewer(userId: string, before: string) {
  expect(await loadSession(before)).toBeNull();
  const [promoted] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNotNull(sessions.mfaVerifiedAt)))
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  expect(promoted!.id).not.toBe(before);
  return loadViewer(promoted!.id);
}

const codeAt = (secret: string, offsetSeconds = 0) => authenticator.clone({ epoch: Date.now() + offsetSeconds * 1000 }).generate(secret);

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>);
const SECOND_FACTOR_STEP = ["mfa.status", "mfa.beginEnrolment", "mfa.confirmEnrolment", "mfa.verify", "mfa.recover"];

describe("a session that has passed only its password", () => {
  it("reaches no procedure but the second-factor step: every other one answers as to no session at all", async () => {
    const { sessionId } = await signIn({ agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    expect(await loadViewer(sessionId)).toBeNull();
    const { caller, pending } = await pendingCaller(sessionId);
    expect(pending.step).toBe("verify");
    const call = (target: unknown, path: string) =>
      outcome(
        (path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], target) as (input?: unknown) => Promise<unknown>)(undefined),
      );
    let refused = 0;
    for (const path of procedures) {
      const result = await call(caller, path);
      if (SECOND_FACTOR_STEP.includes(path)) {
        expect([path, result]).not.toEqual([path, "UNAUTHORIZED"]);
      } else {
        // The public ones (health, invitation links) answer it as they answer anyone.
        expect([path, result]).toEqual([path, await call(anonymousCaller(), path)]);
        if (result === "UNAUTHORIZED") refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(procedures.length - SECOND_FACTOR_STEP.length - 5);
  });

  it("is required of coordinators, admins and agency admins, who must first enrol; others without an app go straight in", async () => {
    for (const [role, agencyId] of [
      ["coordinator", "unodc-roca"],
      ["admin", "unodc-roca"],
      ["agency_admin", "kz-sgd-customs"],
    ] as const) {
      const { sessionId } = await signIn({ agencyId, role });
      expect(await loadSession(sessionId)).toMatchObject({ kind: "mfa", pending: { step: "enrol", role } });
    }
    for (const role of ["analyst", "chief"] as const) {
      const { sessionId } = await signIn({ agencyId: "kz-sgd-customs", role });
      expect(await loadViewer(sessionId)).toMatchObject({ role });
    }
  });
});

describe("enrolment", () => {
  it("stores the secret encrypted, confirms it with a first code, and hands out recovery codes once", async () => {
    const { user, sessionId } = await signIn({ agencyId: "unodc-roca", role: "coordinator" });
    const { pending, caller } = await pendingCaller(sessionId);
    const { secret, uri, qr } = await caller.mfa.beginEnrolment();
    expect(uri).toContain(`secret=${secret}`);
    expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);

    const [stored] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, user.id));
    expect(stored!.secretCiphertext).not.toContain(secret);
    expect(stored!.confirmedAt).toBeNull();
    expect(decryptSecret(stored!.secretCiphertext, user.id)).toBe(secret);
    // Bound to its user: copied onto another account's row it does not decrypt.
    expect(() => decryptSecret(stored!.secretCiphertext, randomUUID())).toThrow();

    expect(await refusal(caller.mfa.confirmEnrolment({ code: codeAt(secret, -300) }))).toMatchObject({ fields: { code: { key: "mfaCodeWrong" } } });
    expect(await loadViewer(sessionId)).toBeNull();
    // A form posted without JavaScript shows the same secret again next to the refusal.
    expect(await pendingEnrolment(pending)).toEqual({ secret, uri, qr });

    const { recoveryCodes: codes } = await caller.mfa.confirmEnrolment({ code: codeAt(secret) });
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    const hashes = await db.select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(hashes).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(hashes.map((h) => h.hash)).not.toContain(code);

    expect(await promotedViewer(user.id, sessionId)).toMatchObject({ userId: user.id, role: "coordinator" });
    expect(await refusal(caller.mfa.beginEnrolment())).toMatchObject({ code: "CONFLICT", key: "mfaAlreadyEnrolled" });
    expect(await pendingEnrolment(pending)).toBeNull();
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "auth.mfa_enrolled"));
    expect(entry).toMatchObject({ actorUserId: user.id });
  });

  it("detects a tampered ciphertext", () => {
    const userId = randomUUID();
    const sealed = encryptSecret(DEMO_TOTP_SECRET, userId);
    const [version, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([version, iv, tag, flipped.toString("base64url")].join("."), userId)).toThrow();
    expect(encryptSecret(DEMO_TOTP_SECRET, userId)).not.toBe(sealed);
  });
});

describe("a code from the app", () => {
  it("passes the session's second factor, and works only once", async () => {
    const { sessionId } = await signIn({ agencyId: "kz-sgd-customs", role: "chief", totpSecret: DEMO_TOTP_SECRET });
    const { caller, pending } = await pendingCaller(sessionId);
    const code = codeAt(DEMO_TOTP_SECRET);
    await caller.mfa.verify({ code });
    expect(await promotedViewer(pending.userId, sessionId)).toMatchObject({ userId: pending.userId });

    // Replayed in a second sign-in, the same code and the one before it are refused.
    const again = await signInWithPassword({ credentials: { email: pending.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const second = await pendingCaller(again!.sessionId);
    expect(await refusal(second.caller.mfa.verify({ code }))).toMatchObject({ fields: { code: { key: "mfaCodeWrong" } } });
    expect(await refusal(second.caller.mfa.verify({ code: codeAt(DEMO_TOTP_SECRET, -30) }))).toMatchObject({ fields: { code: { key: "mfaCodeWrong" } } });
    expect(await loadViewer(again!.sessionId)).toBeNull();
  });

  it("gives exactly one success to 20 concurrent submissions of one code", async () => {
    const { sessionId } = await signIn({ agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    const { caller, pending } = await pendingCaller(sessionId);
    const code = codeAt(DEMO_TOTP_SECRET);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => caller.mfa.verify({ code })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.$count(auditLog, sql`${auditLog.action} = 'auth.mfa_verified' AND ${auditLog.actorUserId} = ${pending.userId}`)).toBe(1);
  });

  it("is accepted once by the conditional update alone, whatever the throttle, under 20 concurrent checks", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    const code = codeAt(DEMO_TOTP_SECRET);
    const results = await Promise.all(Array.from({ length: 20 }, () => db.transaction((tx) => acceptCode(tx, user.id, code))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("is refused, even when right, after five wrong guesses", async () => {
    const { sessionId } = await signIn({ agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    const { caller } = await pendingCaller(sessionId);
    const wrong = String((Number(codeAt(DEMO_TOTP_SECRET)) + 500_000) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < SECOND_FACTOR_LIMIT.failures; i += 1) {
      expect(await refusal(caller.mfa.verify({ code: wrong }))).toMatchObject({ fields: { code: { key: "mfaCodeWrong" } } });
    }
    expect(await refusal(caller.mfa.verify({ code: codeAt(DEMO_TOTP_SECRET) }))).toMatchObject({ key: "mfaThrottled" });
    expect(await loadViewer(sessionId)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("each pass the second factor once, typed in any case and spacing", async () => {
    const { sessionId } = await signIn({ agencyId: "unodc-roca", role: "admin" });
    const first = await pendingCaller(sessionId);
    const { secret } = await first.caller.mfa.beginEnrolment();
    const { recoveryCodes: codes } = await first.caller.mfa.confirmEnrolment({ code: codeAt(secret) });

    const later = await signInWithPassword({ credentials: { email: first.pending.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const { caller } = await pendingCaller(later!.sessionId);
    const typed = ` ${codes[0]!.toLowerCase().replaceAll("-", " ")} `;
    expect(await caller.mfa.recover({ code: typed })).toEqual({ recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
    expect(await promotedViewer(first.pending.userId, later!.sessionId)).not.toBeNull();

    const third = await signInWithPassword({ credentials: { email: first.pending.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    const reuse = await pendingCaller(third!.sessionId);
    expect(await refusal(reuse.caller.mfa.recover({ code: codes[0]! }))).toMatchObject({ fields: { code: { key: "recoveryCodeWrong" } } });
    expect(await loadViewer(third!.sessionId)).toBeNull();
  });

  it("are replaced, and the old ones dead, after a fresh code", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    const { caller } = await callerFor(user);
    const { recoveryCodes: codes } = await caller.mfa.regenerateRecoveryCodes({ code: codeAt(DEMO_TOTP_SECRET) });
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(await caller.mfa.status()).toMatchObject({ enrolled: true, required: false, recoveryCodesLeft: RECOVERY_CODE_COUNT });
  });
});

describe("turning the second factor off", () => {
  it("is refused to roles that require it and open to others, after a fresh code", async () => {
    const coordinator = await createUser(db, { agencyId: "unodc-roca", role: "coordinator", totpSecret: DEMO_TOTP_SECRET });
    expect(await refusal((await callerFor(coordinator)).caller.mfa.disable({ code: codeAt(DEMO_TOTP_SECRET) }))).toMatchObject({
      code: "FORBIDDEN",
      key: "mfaRequired",
    });
    const analyst = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    await (await callerFor(analyst)).caller.mfa.disable({ code: codeAt(DEMO_TOTP_SECRET) });
    expect(await db.$count(totpCredentials, eq(totpCredentials.userId, analyst.id))).toBe(0);
    const result = await signInWithPassword({ credentials: { email: analyst.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    expect(await loadViewer(result!.sessionId)).toMatchObject({ userId: analyst.id });
  });
});

describe("a lost authenticator", () => {
  it("is reset by an administrator of the user's agency only; the user enrols again at the next sign-in", async () => {
    const lost = await createUser(db, { agencyId: "kz-sgd-customs", role: "agency_admin", totpSecret: DEMO_TOTP_SECRET });
    const { sessionId } = await callerFor(lost);
    const foreign = await callerFor(await createUser(db, { agencyId: "kg-customs", role: "agency_admin", totpSecret: DEMO_TOTP_SECRET }));
    expect(await refusal(foreign.caller.users.resetSecondFactor({ userId: lost.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.$count(totpCredentials, eq(totpCredentials.userId, lost.id))).toBe(1);

    const admin = await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "admin", totpSecret: DEMO_TOTP_SECRET }));
    expect(await refusal(admin.caller.users.resetSecondFactor({ userId: admin.viewer.userId }))).toMatchObject({ key: "cannotResetOwnSecondFactor" });
    await admin.caller.users.resetSecondFactor({ userId: lost.id });
    expect(await db.$count(totpCredentials, eq(totpCredentials.userId, lost.id))).toBe(0);
    expect(await loadViewer(sessionId)).toBeNull();
    const again = await signInWithPassword({ credentials: { email: lost.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    expect(await loadSession(again!.sessionId)).toMatchObject({ kind: "mfa", pending: { step: "enrol" } });
  });
});

describe("the pending state lives in the sessions table", () => {
  it("is not carried over to a new sign-in: each sign-in opens a new session that must pass again", async () => {
    const { user, sessionId } = await signIn({ agencyId: "kz-sgd-customs", role: "analyst", totpSecret: DEMO_TOTP_SECRET });
    await (await pendingCaller(sessionId)).caller.mfa.verify({ code: codeAt(DEMO_TOTP_SECRET) });
    const next = await signInWithPassword({ credentials: { email: user.email, password: DEMO_PASSWORD }, ip: null, userAgent: null });
    expect(next!.sessionId).not.toBe(sessionId);
    const [row] = await db.select({ mfaVerifiedAt: sessions.mfaVerifiedAt }).from(sessions).where(eq(sessions.id, next!.sessionId));
    expect(row!.mfaVerifiedAt).toBeNull();
    expect((await loadSession(next!.sessionId))?.kind).toBe("mfa");
  });
});

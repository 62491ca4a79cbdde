import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "~/db/index";
import { agencies, users } from "~/db/schema";
import { verifyPassword } from "~/server/auth/password";
import { createSession } from "~/server/auth/sessions";
import { accountBucket, addressBucket, releaseAttempt, reserveAttempt } from "~/server/auth/throttle";
import { audit } from "~/server/services/audit";

// Refused before any query: PostgreSQL rejects a NUL in text (the throttle's key carries the
// email), no address holds a control character, and no password of ours runs this long.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().max(320).regex(NO_CONTROL_CHARACTERS),
  password: z
    .string()
    .max(1024)
    .regex(/^[^\0]*$/),
});

type Attempt = { credentials: unknown; ip: string | null; userAgent: string | null };

/**
 * Checks an email and password. Unknown email, wrong password, disabled or invited account,
 * inactive agency and a throttled account or address all answer null, in the same time, so the
 * answer tells an attacker nothing. Success opens a new server-side session (a new id at every
 * sign-in) and returns its id; the session still has to pass the second factor when the user has one.
 *
 * The throttle lives here, not in front of the route, so that no HTTP method, path variant or
 * forwarded-for header reaches the password check around it.
 */
export async function signInWithPassword({ credentials, ip, userAgent }: Attempt): Promise<{ userId: string; sessionId: string } | null> {
  const parsed = ZCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const account = accountBucket(email);
  const address = addressBucket(ip);
  const reservation = await reserveAttempt([account, address]);
  const [user] = await db
    .select({
      id: users.id,
      agencyId: users.agencyId,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      usable: sql<boolean>`${users.status} = 'active' AND ${agencies.active}`,
    })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(sql`lower(${users.email}) = ${email}`);

  const throttled = reservation.over.length > 0;
  // Verified even when throttled, so that the time taken tells nothing about the password.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (throttled || !user || !passwordOk || !user.usable) {
    const actor = user ? { userId: user.id, agencyId: user.agencyId } : null;
    const reason = throttled
      ? reservation.over.includes(account)
        ? "locked_out"
        : "address_throttled"
      : !user
        ? "unknown_email"
        : !passwordOk
          ? "wrong_password"
          : "account_unusable";
    await audit(db, { action: "auth.signin_failed", actor, ip, details: { email, reason } });
    for (const bucket of [account, address]) {
      if (reservation.counts.get(bucket.key) !== bucket.limit.failures) continue;
      await audit(db, {
        action: bucket === account ? "auth.lockout" : "auth.address_throttled",
        actor: bucket === account ? actor : null,
        ip,
        details: { email, failures: bucket.limit.failures, minutes: bucket.limit.minutes },
      });
    }
    return null;
  }
  await releaseAttempt({ reset: [account], refund: [address] });
  const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip, userAgent });
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ lastSignInAt: sql`now()` })
      .where(eq(users.id, user.id));
    await audit(tx, { action: "auth.signin", actor: { userId: user.id, agencyId: user.agencyId }, ip, details: { sessionId } });
  });
  return { userId: user.id, sessionId };
}

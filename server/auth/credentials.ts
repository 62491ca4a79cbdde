import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "~/db/index";
import { agencies, users } from "~/db/schema";
import { verifyPassword } from "~/server/auth/password";
import { createSession } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(1024) });

type Attempt = { credentials: unknown; ip: string | null; userAgent: string | null };

/**
 * Checks an email and password. Unknown email, wrong password, disabled or invited account and
 * inactive agency all answer null, in the same time, so the answer tells an attacker nothing.
 * Success opens a server-side session and returns its id.
 */
export async function signInWithPassword({ credentials, ip, userAgent }: Attempt): Promise<{ userId: string; sessionId: string } | null> {
  const parsed = ZCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
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

  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || !user.usable) {
    await audit(db, {
      action: "auth.signin_failed",
      actor: user ? { userId: user.id, agencyId: user.agencyId } : null,
      ip,
      details: { email, reason: !user ? "unknown_email" : !passwordOk ? "wrong_password" : "account_unusable" },
    });
    return null;
  }
  const sessionId = await createSession({ userId: user.id, sessionVersion: user.sessionVersion, ip, userAgent });
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, user.id));
    await audit(tx, { action: "auth.signin", actor: { userId: user.id, agencyId: user.agencyId }, ip, details: { sessionId } });
  });
  return { userId: user.id, sessionId };
}

import { inArray, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { authThrottle } from "~/db/schema";

export type Limit = { failures: number; minutes: number };

// Guessing one account's password: after this many failures within the window, even the right
// password is refused until the window has passed.
export const ACCOUNT_LIMIT: Limit = { failures: 5, minutes: 15 };
// Guessing from one address across many accounts (password spraying). Higher than the account
// limit: a whole office may sign in from behind one address.
export const ADDRESS_LIMIT: Limit = { failures: 30, minutes: 15 };
// Guessing second-factor codes once the password is known.
export const SECOND_FACTOR_LIMIT: Limit = { failures: 5, minutes: 15 };

export type Bucket = { key: string; limit: Limit };

export const accountBucket = (email: string): Bucket => ({ key: `account:${email}`, limit: ACCOUNT_LIMIT });
// No address at all means a misconfigured proxy chain: those attempts share one bucket rather
// than escaping the limit.
export const addressBucket = (ip: string | null): Bucket => ({ key: `ip:${ip ?? "unknown"}`, limit: ADDRESS_LIMIT });
export const secondFactorBucket = (userId: string): Bucket => ({ key: `mfa:${userId}`, limit: SECOND_FACTOR_LIMIT });

/**
 * Forgets the buckets whose window has passed: the next attempt would start them again at one,
 * as a missing bucket does. Returns how many went.
 */
export async function forgetPassedWindows(): Promise<number> {
  const longest = Math.max(ACCOUNT_LIMIT.minutes, ADDRESS_LIMIT.minutes, SECOND_FACTOR_LIMIT.minutes);
  const passed = await db
    .delete(authThrottle)
    .where(sql`${authThrottle.windowStartedAt} <= now() - make_interval(mins => ${longest})`)
    .returning({ key: authThrottle.key });
  return passed.length;
}

/** The count of each bucket after this attempt, and the buckets the attempt went over. */
export type Reservation = { counts: Map<string, number>; over: Bucket[] };

/**
 * Counts an attempt against each bucket before its credentials are checked, in one atomic
 * upsert per bucket, so that concurrent attempts (across app instances too) each see the count
 * including every attempt before them: no burst slips in under the limit. A bucket whose window
 * has passed starts again at one.
 */
export async function reserveAttempt(buckets: Bucket[]): Promise<Reservation> {
  const counts = new Map<string, number>();
  for (const { key, limit } of buckets) {
    const expired = sql`${authThrottle.windowStartedAt} <= now() - make_interval(mins => ${limit.minutes})`;
    const [row] = await db
      .insert(authThrottle)
      .values({ key, failures: 1, windowStartedAt: sql`now()` })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${authThrottle.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${authThrottle.windowStartedAt} END`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ failures: authThrottle.failures });
    counts.set(key, row!.failures);
  }
  return { counts, over: buckets.filter(({ key, limit }) => counts.get(key)! > limit.failures) };
}

/**
 * After a success: the account starts afresh; the address only gets back the attempt it
 * reserved, so that signing into one's own account does not wipe out a spraying record.
 */
export async function releaseAttempt({ reset, refund }: { reset: Bucket[]; refund: Bucket[] }): Promise<void> {
  if (reset.length > 0)
    await db.delete(authThrottle).where(
      inArray(
        authThrottle.key,
        reset.map((b) => b.key),
      ),
    );
  if (refund.length > 0) {
    await db
      .update(authThrottle)
      .set({ failures: sql`greatest(${authThrottle.failures} - 1, 0)` })
      .where(
        inArray(
          authThrottle.key,
          refund.map((b) => b.key),
        ),
      );
  }
}

import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { authThrottle, sessions, users } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { createSession, loadViewer } from "~/server/auth/sessions";
import { housekeeping } from "~/server/jobs/housekeeping";

const openSession = async (userId: string) => createSession({ userId, sessionVersion: 1, ip: null, userAgent: "vitest", mfaVerified: true });

describe("housekeeping", () => {
  it("deletes the sessions no request can use, the throttle buckets whose window has passed and the request budgets full again, and nothing else", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const bumped = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const alive = await openSession(user.id);
    const expired = await openSession(user.id);
    const idle = await openSession(user.id);
    const superseded = await openSession(bumped.id);
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(sql`${sessions.id} = ${expired}`);
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(sql`${sessions.id} = ${idle}`);
    // A new password, a disabled account or a role change bumps the version: older sessions are dead.
    await db
      .update(users)
      .set({ sessionVersion: 2 })
      .where(sql`${users.id} = ${bumped.id}`);

    await db.insert(authThrottle).values([
      { key: "ip:198.51.100.1", failures: 30, windowStartedAt: sql`now() - interval '16 minutes'` },
      { key: "ip:198.51.100.2", failures: 3, windowStartedAt: sql`now() - interval '5 minutes'` },
    ]);

    await db.execute(sql`INSERT INTO request_budgets (key, tat, allowed) VALUES
      ('address:198.51.100.1', extract(epoch FROM now()) - 1, true), ('address:198.51.100.2', extract(epoch FROM now()) + 60, false)`);

    const removed = await housekeeping();
    expect(removed.sessions).toBeGreaterThanOrEqual(3);
    const left = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(inArray(sessions.id, [alive, expired, idle, superseded]));
    expect(left.map((s) => s.id)).toEqual([alive]);
    expect(await loadViewer(alive)).toMatchObject({ userId: user.id });

    const buckets = await db
      .select({ key: authThrottle.key })
      .from(authThrottle)
      .where(sql`${authThrottle.key} LIKE 'ip:198.51.100.%'`);
    expect(buckets.map((b) => b.key)).toEqual(["ip:198.51.100.2"]);
    const budgets = await db.execute<{ key: string }>(sql`SELECT key FROM request_budgets WHERE key LIKE 'address:198.51.100.%'`);
    expect(budgets.map((b) => b.key)).toEqual(["address:198.51.100.2"]);
    expect(removed.requestBudgets).toBeGreaterThanOrEqual(1);
  });
});

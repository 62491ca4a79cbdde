import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { JOBS } from "~/server/queue/catalogue";
import { healthResponse } from "~/server/services/health";
import { fanOut } from "~/server/jobs/fan-out";
import { createUser } from "~/db/seed/factories";
import { callerFor } from "~/tests/callers";
import { createThrough, seizureInput } from "~/tests/notices";
import { mailItems, noticeEvents } from "~/db/schema";

const TOKEN = "monitor-token-monitor-token-monitor-token";
const health = (authorization?: string) =>
  healthResponse(new Request("http://localhost:3000/api/health", { headers: authorization ? { authorization } : {} }), TOKEN);

async function job(name: string, state: "created" | "retry" | "failed", secondsAgo: number, startsInSeconds = -secondsAgo) {
  await db.execute(sql`
    INSERT INTO pgboss.job (name, data, state, created_on, start_after)
    VALUES (${name}, ${JSON.stringify({ probe: randomUUID() })}::jsonb, ${state}, now() - make_interval(secs => ${secondsAgo}), now() + make_interval(secs => ${startsInSeconds}))`);
}

describe("GET /api/health", () => {
  it("tells anyone only that the app and its database answer; the queue's figures need the monitor's token", async () => {
    for (const authorization of [undefined, "Bearer wrong-token", `Basic ${TOKEN}`]) {
      const response = await health(authorization);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ status: "ok" });
    }
  });

  it("gives the monitor the backlog, the failed jobs and the oldest alert not yet mailed", async () => {
    const empty = await (await health(`Bearer ${TOKEN}`)).json();
    expect(empty).toEqual({
      status: "ok",
      databaseMs: expect.any(Number),
      queue: { waiting: 0, oldestDueSeconds: null, failed: 0, oldestUnsentAlertSeconds: null },
    });

    await job(JOBS.fanOut, "created", 95);
    await job(JOBS.instantMail, "retry", 30, 600); // waiting to retry: not due yet
    await job(JOBS.digestMail, "failed", 10);
    await job(JOBS.deadLetter, "created", 500); // a dead letter is not a backlog

    // An instant alert waiting to be mailed, as fan-out leaves it, made five minutes old.
    const author = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", email: `a-${randomUUID()}@test.example.org` }));
    const reader = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "chief", email: `r-${randomUUID()}@test.example.org` }));
    const notice = await createThrough(author.caller, seizureInput({ title: "Seizure at Khorgos" }));
    await reader.caller.subscriptions.watch({ noticeId: notice.id, delivery: "instant" });
    await author.caller.notices.retract({ id: notice.id, reason: "Entered twice" });
    const [event] = await db
      .select({ id: noticeEvents.id })
      .from(noticeEvents)
      .where(and(eq(noticeEvents.noticeId, notice.id), eq(noticeEvents.kind, "retracted")));
    await fanOut(event!.id);
    const updated = await db
      .update(mailItems)
      .set({ createdAt: sql`now() - interval '300 seconds'` })
      .where(eq(mailItems.noticeId, notice.id))
      .returning({ id: mailItems.id });
    expect(updated).toHaveLength(1);

    const { queue } = await (await health(`Bearer ${TOKEN}`)).json();
    expect(queue.waiting).toBeGreaterThanOrEqual(2);
    expect(queue.oldestDueSeconds).toBeGreaterThanOrEqual(95);
    expect(queue.oldestDueSeconds).toBeLessThan(200);
    expect(queue.failed).toBe(1);
    expect(queue.oldestUnsentAlertSeconds).toBeGreaterThanOrEqual(300);
    expect(queue.oldestUnsentAlertSeconds).toBeLessThan(400);
  });
});

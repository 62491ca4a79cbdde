import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { startWorker } from "~/server/jobs/worker";
import { JOBS } from "~/server/queue/catalogue";
import { enqueue, enqueueMany, requeue } from "~/server/queue/enqueue";
import { waitFor } from "~/tests/smtp-sink";

const jobsOf = async (name: string) =>
  db.execute<{ id: string; state: string; retry_count: number; output: { message?: string; code?: string } | null; data: unknown }>(
    sql`SELECT id, state, retry_count, output, data FROM pgboss.job WHERE name = ${name} ORDER BY created_on`,
  );

describe("job payloads", () => {
  it("are checked where they are queued: an unfit one is refused and nothing is queued", async () => {
    const before = (await jobsOf(JOBS.fanOut)).length;
    await expect(db.transaction((tx) => enqueue(tx, JOBS.fanOut, { eventId: "7" } as never))).rejects.toThrow();
    await expect(db.transaction((tx) => enqueueMany(tx, [{ name: JOBS.instantMail, data: { userId: "not-a-uuid", category: "alerts" } }]))).rejects.toThrow();
    await expect(db.transaction((tx) => requeue(tx, { name: JOBS.digestMail, data: { userId: crypto.randomUUID(), period: "hourly" } }))).rejects.toThrow();
    await expect(db.transaction((tx) => requeue(tx, { name: "no-such-queue", data: {} }))).rejects.toThrow(/no payload schema/);
    expect((await jobsOf(JOBS.fanOut)).length).toBe(before);
  });

  it("queue a fitting payload as given", async () => {
    const userId = crypto.randomUUID();
    await db.transaction((tx) => enqueueMany(tx, [{ name: JOBS.instantMail, data: { userId, category: "moderation" }, startAfter: "3600" }]));
    const queued = (await jobsOf(JOBS.instantMail)).filter((job) => (job.data as { userId: string }).userId === userId);
    expect(queued.map((job) => job.data)).toEqual([{ userId, category: "moderation" }]);
  });

  describe("read by the worker", () => {
    let worker: PgBoss;
    beforeAll(async () => {
      worker = await startWorker({ schedule: false, pollingIntervalSeconds: 0.5 });
    });
    afterAll(async () => {
      await worker.stop({ wait: true, timeout: 5000 });
    });

    it("dead-letter an unfit payload at once, without retries, naming the field and never its value", async () => {
      // Written past the check, as a job left by an older version of the code would be.
      await worker.send(JOBS.fanOut, { eventId: "secret-looking value" });
      await waitFor(async () => (await jobsOf(JOBS.fanOut)).some((job) => job.state === "failed"), 15_000, "the unfit job failed");
      const [failed] = (await jobsOf(JOBS.fanOut)).filter((job) => job.state === "failed");
      expect(failed!.retry_count).toBe(0);
      expect(JSON.stringify(failed!.output)).toContain("UnfitPayload code=eventId.invalid_type");
      expect(JSON.stringify(failed!.output)).not.toContain("secret-looking");
      await waitFor(async () => (await jobsOf(JOBS.deadLetter)).length > 0, 15_000, "the dead letter");
    });
  });
});

import type PgBoss from "pg-boss";
import { databaseUrl } from "~/db/index";
import type { FanOutJob } from "~/server/services/notices/events";
import { fanOut } from "./fan-out";
import { enqueueDueDigests, type DigestMailJob } from "./digest-schedule";
import { sendDigestMail, sendInstantMail, type InstantMailJob } from "./mail";
import { createBoss, JOBS } from "./queue";

export type WorkerOptions = {
  url?: string;
  /** Jobs of one queue handled at once by this process (each holds a database connection). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** pg-boss maintenance (expiring the jobs of a worker that died, archiving): seconds between runs. */
  maintenanceIntervalSeconds?: number;
  /** The minute tick that queues due digests; tests and the benchmark drive it themselves. */
  schedule?: boolean;
};

/**
 * Takes up to `concurrency` jobs per fetch and runs them side by side. pg-boss completes a fetched
 * batch as a whole, so a job that throws is failed on its own here (its retry and back-off apply
 * to it alone) and the batch completes only the others. A fetch that found work is followed at
 * once by the next, so a backlog drains at full speed; an idle queue is polled every interval.
 */
async function workEach<T extends object>(boss: PgBoss, name: string, options: { concurrency: number; pollingIntervalSeconds: number }, handle: (data: T) => Promise<unknown>) {
  let id: string | undefined;
  id = await boss.work<T>(name, { batchSize: options.concurrency, pollingIntervalSeconds: options.pollingIntervalSeconds }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await handle(job.data);
        } catch (error) {
          console.error(`[jobs] ${name} ${job.id} failed`, error);
          await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
    if (jobs.length && id) boss.notifyWorker(id);
  });
}

/**
 * Starts this process's job worker: fan-out of notice events, instant mail, digests and the
 * digest scheduler. Every app instance may run one; pg-boss hands each job to one of them.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<PgBoss> {
  const concurrency = options.concurrency ?? 4;
  const boss = createBoss(options.url ?? databaseUrl(), {
    max: concurrency + 2,
    schedule: options.schedule ?? true,
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
  });
  await boss.start();
  const polling = { concurrency, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 };
  await workEach<FanOutJob>(boss, JOBS.fanOut, polling, (job) => fanOut(job.eventId));
  await workEach<InstantMailJob>(boss, JOBS.instantMail, { ...polling, pollingIntervalSeconds: 2 }, sendInstantMail);
  await workEach<DigestMailJob>(boss, JOBS.digestMail, { ...polling, pollingIntervalSeconds: 2 }, sendDigestMail);
  if (options.schedule ?? true) {
    await boss.schedule(JOBS.mailTick, "* * * * *");
    await boss.work(JOBS.mailTick, async () => enqueueDueDigests());
  }
  return boss;
}

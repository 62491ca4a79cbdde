import PgBoss from "pg-boss";
import { logError } from "~/server/logging";
import { JOBS } from "./catalogue";

// Mail retries back off exponentially from 30 s: twelve attempts span well over a day, so an SMTP
// server down for an hour (or a night) delays mail but loses none. What still fails lands in the
// dead-letter queue, which admins see. A mail job takes a second; one still "active" after a
// minute belonged to a worker that died, and expiring it lets the next job for that user run
// (a stately queue runs one job per key at a time).
const QUEUES: Record<string, PgBoss.Queue> = {
  [JOBS.deadLetter]: { name: JOBS.deadLetter, policy: "standard", retentionMinutes: 60 * 24 * 30 },
  [JOBS.fanOut]: { name: JOBS.fanOut, policy: "standard", retryLimit: 10, retryDelay: 5, retryBackoff: true, deadLetter: JOBS.deadLetter },
  // "stately": at most one waiting job per key. A second instant alert for a user while the first
  // waits out its batch window is dropped, and the waiting job mails both: that is the batching.
  [JOBS.instantMail]: {
    name: JOBS.instantMail,
    policy: "stately",
    retryLimit: 12,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: JOBS.deadLetter,
  },
  [JOBS.digestMail]: {
    name: JOBS.digestMail,
    policy: "stately",
    retryLimit: 12,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: JOBS.deadLetter,
  },
  [JOBS.deconflictionMail]: {
    name: JOBS.deconflictionMail,
    policy: "standard",
    retryLimit: 12,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: JOBS.deadLetter,
  },
  [JOBS.mailTick]: { name: JOBS.mailTick, policy: "singleton", retryLimit: 0, expireInSeconds: 120 },
  // Deleting what has expired; the next run does what a failed one left.
  [JOBS.housekeeping]: { name: JOBS.housekeeping, policy: "singleton", retryLimit: 0, expireInSeconds: 600 },
};

export function createBoss(url: string, options: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: "tianshan-jobs", ...options });
  boss.on("error", (error) => void logError("jobs", error, { source: "pg-boss" }));
  return boss;
}

/** Creates the queue's tables and queues; part of every migration run, so publishing never lacks them. */
export async function installQueues(url: string): Promise<void> {
  const boss = createBoss(url, { max: 1, supervise: false, schedule: false });
  await boss.start();
  try {
    for (const queue of Object.values(QUEUES)) {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

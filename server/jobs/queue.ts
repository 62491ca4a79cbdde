import PgBoss from "pg-boss";
import { sql } from "drizzle-orm";
import { arrayLiteral } from "~/db/array-literal";
import { db, type Tx } from "~/db/index";
import { clientOf } from "~/db/transaction-client";
import { logError } from "~/server/logging";

/** Every queue the app uses, with its retry policy. Jobs are addressed by these names only. */
export const JOBS = {
  fanOut: "notice-fan-out",
  instantMail: "mail-instant",
  digestMail: "mail-digest",
  mailTick: "mail-tick",
  housekeeping: "housekeeping",
  deadLetter: "dead-letter",
} as const;

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
  [JOBS.instantMail]: { name: JOBS.instantMail, policy: "stately", retryLimit: 12, retryDelay: 30, retryBackoff: true, expireInSeconds: 60, deadLetter: JOBS.deadLetter },
  [JOBS.digestMail]: { name: JOBS.digestMail, policy: "stately", retryLimit: 12, retryDelay: 30, retryBackoff: true, expireInSeconds: 60, deadLetter: JOBS.deadLetter },
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

// Sending needs no started instance: with `db` set, pg-boss only runs its INSERT through it.
let sender: PgBoss | undefined;

/**
 * Adds a job in the caller's transaction: it exists exactly when the change that asked for it
 * commits (no alert for a rolled-back notice, no notice without its alerts).
 */
export async function enqueue(tx: Tx, name: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  sender ??= new PgBoss({ db: { executeSql: async () => ({ rows: [] }) } });
  await sender.send(name, data, { ...options, db: inTransaction(tx) });
}

/** Many jobs in one statement, in the caller's transaction; a job whose singleton key is taken is skipped. */
export async function enqueueMany(tx: Tx, jobs: PgBoss.JobInsert[]): Promise<void> {
  if (!jobs.length) return;
  sender ??= new PgBoss({ db: { executeSql: async () => ({ rows: [] }) } });
  await sender.insert(jobs, { db: inTransaction(tx) });
}

/**
 * Fails a job: it is retried with back-off while retries are left, then dead-lettered. A
 * permanent failure (the mail server refused this message for good) skips the retries: it is
 * dead-lettered at once, in one transaction, and says so in its output for the admins' list.
 */
export async function failJob(boss: PgBoss, name: string, id: string, message: string, permanent: boolean): Promise<void> {
  if (!permanent) return boss.fail(name, id, { message });
  await db.transaction(async (tx) => {
    // With no retries left, pg-boss's own fail() marks it failed and copies it to the dead letters.
    await tx.execute(sql`UPDATE pgboss.job SET retry_limit = retry_count WHERE name = ${name} AND id = ${id}`);
    await boss.fail(name, id, { message, permanent: true }, { db: inTransaction(tx) });
  });
}

function inTransaction(tx: Tx): PgBoss.Db {
  // pg-boss speaks plain SQL with $n parameters: it runs on the postgres.js transaction under drizzle's.
  const client = clientOf(tx);
  return {
    executeSql: async (text, values) => {
      // pg-boss passes unset options as undefined (postgres.js refuses those), job ids as an
      // array for a ::uuid[] parameter, and the payload as an object for a ::jsonb parameter.
      const params = values.map((v) =>
        v === undefined ? null : Array.isArray(v) ? arrayLiteral(v) : v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      return { rows: [...(await client.unsafe(text, params))] };
    },
  };
}

import type PgBoss from "pg-boss";
import { databaseUrl, isBrokenConnectionError } from "~/db/index";
import { isPermanentRejection } from "~/server/email/transport";
import { errorSummary, logError } from "~/server/logging";
import { createBoss } from "~/server/queue/boss";
import { JOB_PAYLOADS, JOBS, type JobPayload, type PayloadJob } from "~/server/queue/catalogue";
import { enqueueDueDigests } from "~/server/services/digest-schedule";
import { failJob } from "./fail-job";
import { sendDeconflictionMail } from "./deconfliction-mail";
import { fanOut } from "./fan-out";
import { housekeeping } from "./housekeeping";
import { sendDigestMails, sendInstantMail } from "./mail";
import { settleEach } from "./settle-each";

export type WorkerOptions = {
  url?: string;
  /** Jobs of one queue handled at once by this process (each holds a database connection). */
  concurrency?: number;
  /** Digest jobs fetched together, their items read in one statement; sent `concurrency` at a time. */
  digestBatchSize?: number;
  pollingIntervalSeconds?: number;
  /** pg-boss maintenance (expiring the jobs of a worker that died, archiving): seconds between runs. */
  maintenanceIntervalSeconds?: number;
  /** The scheduled jobs: the minute tick that queues due digests, and the housekeeping. Tests and the benchmark drive them themselves. */
  schedule?: boolean;
};

/**
 * A worker process's rule for exceptions that nothing awaited. postgres.js 3.4.9 throws one out of
 * reach of any await when the database cuts a connection, and the pool is replaced on it
 * (db/index.ts): the worker goes on, as Next does. Anything else ends the process, and whoever
 * started it starts another (its jobs wait in the queue meanwhile).
 */
export function exitOnUncaughtExceptions(): void {
  process.on("uncaughtException", (error) => {
    if (isBrokenConnectionError(error)) return console.error("[worker] a database connection broke; its pool was replaced");
    // pg-boss's own pool (node-postgres) rejects out of reach of any await when the database goes
    // away mid-query: the pool drops that client and pg-boss's next poll connects afresh. Ending
    // the process there left every queued job waiting for a restart (fault harness, scenario 3).
    if (isLostDatabaseConnection(error)) return logError("worker", error, { uncaught: "lost-connection" });
    logError("worker", error, { uncaught: "exception" });
    process.exit(1);
  });
}

// A socket reset or refused, or the server shutting down (SQLSTATE class 57P).
const LOST_CONNECTION_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "57P01", "57P02", "57P03"]);
const isLostDatabaseConnection = (error: unknown) => error instanceof Error && LOST_CONNECTION_CODES.has(String((error as { code?: unknown }).code));

/** Digest jobs fetched at once unless told otherwise: enough to keep `concurrency` sends busy. */
export const defaultDigestBatchSize = (concurrency: number) => concurrency * 4;

type BatchOptions = { batchSize: number; pollingIntervalSeconds: number };

/** A payload that its queue's schema refuses: retrying cannot mend it, so it is dead-lettered at once. */
class UnfitPayload extends Error {
  /** The first refusal as path and zod code (logged, and kept for the admins' list): never a value. */
  readonly code: string;
  constructor(issues: { code: string; path: PropertyKey[] }[]) {
    super("job payload refused by its schema");
    const [first] = issues;
    this.code = `${first?.path.map(String).join(".") || "payload"}.${first?.code ?? "invalid"}`;
  }
}

/**
 * Takes up to `batchSize` jobs per fetch, checks each payload against the catalogue, and hands
 * the fitting ones to `handle`, which settles each on its own. pg-boss completes a fetched batch
 * as a whole, so a job that failed is failed here on its own (its retry and back-off apply to it
 * alone; a permanent refusal or an unfit payload sends it to the dead letters at once) and the
 * batch completes only the others. A fetch that found work is followed at once by the next, so a
 * backlog drains at full speed; an idle queue is polled every interval.
 */
async function workBatches<Name extends PayloadJob>(
  boss: PgBoss,
  name: Name,
  options: BatchOptions,
  handle: (data: JobPayload<Name>[]) => Promise<PromiseSettledResult<unknown>[]>,
) {
  // Declared before work() starts: its first fetch may call back before work() has answered.
  let id: string | undefined = undefined;
  id = await boss.work(name, options, async (jobs) => {
    const checked = jobs.map((job) => JOB_PAYLOADS[name].safeParse(job.data));
    const handled = await handle(checked.flatMap((check) => (check.success ? [check.data as JobPayload<Name>] : [])));
    let next = 0;
    const results = checked.map((check): PromiseSettledResult<unknown> =>
      check.success ? handled[next++]! : { status: "rejected", reason: new UnfitPayload(check.error.issues) },
    );
    await Promise.all(
      results.map(async (result, i) => {
        if (result.status === "fulfilled") return;
        const job = jobs[i]!;
        const error = result.reason as unknown;
        logError("jobs", error, { job: name, id: job.id });
        // Kept with the job for the admins' list and copied into the audit log by a retry: codes only, as in the log.
        await failJob(boss, name, job.id, errorSummary(error, { frames: 0 }), error instanceof UnfitPayload || isPermanentRejection(error));
      }),
    );
    if (jobs.length && id) boss.notifyWorker(id);
  });
}

/** Jobs handled one by one, `concurrency` side by side. */
function workEach<Name extends PayloadJob>(boss: PgBoss, name: Name, options: BatchOptions, handle: (data: JobPayload<Name>) => Promise<unknown>) {
  return workBatches(boss, name, options, (jobs) => settleEach(jobs, jobs.length, handle));
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
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
  await workEach(boss, JOBS.fanOut, { batchSize: concurrency, pollingIntervalSeconds }, (job) => fanOut(job.eventId));
  await workEach(boss, JOBS.instantMail, { batchSize: concurrency, pollingIntervalSeconds: 2 }, sendInstantMail);
  await workEach(boss, JOBS.deconflictionMail, { batchSize: concurrency, pollingIntervalSeconds: 2 }, sendDeconflictionMail);
  // Fetching jobs costs the queue a sort of every waiting job, and reading items costs a plan and
  // a pass over the notices: both once per batch of readers rather than per reader.
  await workBatches(boss, JOBS.digestMail, { batchSize: options.digestBatchSize ?? defaultDigestBatchSize(concurrency), pollingIntervalSeconds: 2 }, (jobs) =>
    sendDigestMails(jobs, concurrency),
  );
  if (options.schedule ?? true) {
    await boss.schedule(JOBS.mailTick, "* * * * *");
    await boss.work(JOBS.mailTick, async () => enqueueDueDigests());
    await boss.schedule(JOBS.housekeeping, "*/15 * * * *");
    await boss.work(JOBS.housekeeping, async () => housekeeping());
  }
  return boss;
}

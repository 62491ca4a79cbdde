import PgBoss from "pg-boss";
import type { Tx } from "~/db/index";
import { JOB_PAYLOADS, type JobPayload, type PayloadJob } from "./catalogue";
import { inTransaction } from "./transaction-db";

// The one way services (and the fan-out) queue work: they name a job of the catalogue and give
// its payload, which is checked here; how and by whom it is run is the worker's business.

// Sending needs no started instance: with `db` set, pg-boss only runs its INSERT through it.
let sender: PgBoss | undefined;
const client = () => (sender ??= new PgBoss({ db: { executeSql: async () => ({ rows: [] }) } }));

export type Job<Name extends PayloadJob = PayloadJob> = { name: Name; data: JobPayload<Name> } & Omit<PgBoss.JobInsert, "name" | "data">;

const checked = <Name extends PayloadJob>(job: Job<Name>): PgBoss.JobInsert => ({ ...job, data: JOB_PAYLOADS[job.name].parse(job.data) });

/**
 * Adds a job in the caller's transaction: it exists exactly when the change that asked for it
 * commits (no alert for a rolled-back notice, no notice without its alerts).
 */
export async function enqueue<Name extends PayloadJob>(tx: Tx, name: Name, data: JobPayload<Name>): Promise<void> {
  await client().send(name, checked({ name, data }).data as object, { db: inTransaction(tx) });
}

/** Many jobs in one statement, in the caller's transaction; a job whose singleton key is taken is skipped. */
export async function enqueueMany(tx: Tx, jobs: Job[]): Promise<void> {
  if (!jobs.length) return;
  await client().insert(jobs.map(checked), { db: inTransaction(tx) });
}

const isPayloadJob = (name: string): name is PayloadJob => Object.hasOwn(JOB_PAYLOADS, name);

/** A stored job queued afresh (an admin's retry of a failed mail): its payload is checked like any new one. */
export async function requeue(tx: Tx, job: { name: string; data: unknown; singletonKey?: string }): Promise<void> {
  if (!isPayloadJob(job.name)) throw new Error(`no payload schema for queue ${job.name}`);
  // enqueueMany checks the payload against its queue's schema, as for a new job.
  await enqueueMany(tx, [{ ...job, name: job.name, data: job.data as JobPayload<PayloadJob> }]);
}

import { z } from "zod";

/** Every queue the app uses. Jobs are addressed by these names only. */
export const JOBS = {
  fanOut: "notice-fan-out",
  instantMail: "mail-instant",
  digestMail: "mail-digest",
  mailTick: "mail-tick",
  housekeeping: "housekeeping",
  deconflictionMail: "deconfliction-mail",
  deadLetter: "dead-letter",
} as const;

export const DIGEST_PERIODS = ["daily", "weekly"] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

// What each queue carries, checked where a job is queued and again where the worker reads it: a
// payload outlives the code that wrote it (a deploy while jobs wait), and one that no longer fits
// is dead-lettered instead of being half-handled. The scheduled queues (mail-tick,
// housekeeping) carry nothing.
export const JOB_PAYLOADS = {
  [JOBS.fanOut]: z.strictObject({ eventId: z.int().positive() }),
  [JOBS.instantMail]: z.strictObject({ userId: z.guid(), category: z.enum(["alerts", "moderation"]) }),
  // A deconfliction request (to a holder) or its answer (to the requester): one message per event and user.
  [JOBS.deconflictionMail]: z.strictObject({ userId: z.guid(), eventId: z.int().positive(), step: z.enum(["requested", "released", "declined", "replied"]) }),
  [JOBS.digestMail]: z.strictObject({ userId: z.guid(), period: z.enum(DIGEST_PERIODS), periodDate: z.iso.date(), cutoff: z.iso.datetime() }),
};

export type PayloadJob = keyof typeof JOB_PAYLOADS;
export type JobPayload<Name extends PayloadJob> = z.infer<(typeof JOB_PAYLOADS)[Name]>;
export type FanOutJob = JobPayload<typeof JOBS.fanOut>;
export type InstantMailJob = JobPayload<typeof JOBS.instantMail>;
export type DigestMailJob = JobPayload<typeof JOBS.digestMail>;
export type DeconflictionMailJob = JobPayload<typeof JOBS.deconflictionMail>;

/** A digest's job key and its delivery's dedupe key: one digest per reader and period. */
export const digestKey = (job: Pick<DigestMailJob, "period" | "userId" | "periodDate">) => `${job.period}:${job.userId}:${job.periodDate}`;

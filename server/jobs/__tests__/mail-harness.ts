import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll } from "vitest";
import { db } from "~/db/index";
import { mailItems } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { useSmtp } from "~/server/email/transport";
import { startWorker } from "~/server/jobs/worker";
import { callerFor } from "~/tests/callers";
import { startSmtpSink, type SmtpSink } from "~/tests/smtp-sink";

// What the mail tests share: an SMTP sink the transport sends to and a worker running the jobs
// (started and stopped around each file by useMailHarness), and the readers they subscribe. A test
// file sets its own MAIL_BATCH_SECONDS (vi.hoisted) before it imports this.

export type Delivery = "in_app" | "instant" | "daily" | "weekly";

export let sink: SmtpSink;
export let worker: PgBoss;

/** The worker started again (after the test killed the one it ran on). */
export async function restartWorker(options: Parameters<typeof startWorker>[0]) {
  worker = await startWorker(options);
}

/** Starts the sink and the worker before the file's tests, and stops them after. */
export function useMailHarness() {
  beforeAll(async () => {
    sink = await startSmtpSink();
    useSmtp(sink.url);
    worker = await startWorker({ schedule: false, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await worker.stop({ wait: true, timeout: 5000 });
    useSmtp(null);
    await sink.close();
  });
}

export async function member(agencyId: string, options: { locale?: "en" | "ru"; timeZone?: string; role?: "analyst" | "chief" | "admin" } = {}) {
  const user = await createUser(db, {
    agencyId,
    role: options.role ?? "chief",
    locale: options.locale ?? "en",
    timeZone: options.timeZone,
    email: `m-${randomUUID()}@test.example.org`,
  });
  return { user, ...(await callerFor(user)) };
}

export async function subscriber(agencyId: string, crossingId: string, delivery: Delivery, options: Parameters<typeof member>[1] = {}) {
  const m = await member(agencyId, options);
  const subscription = await m.caller.subscriptions.create({ filter: { crossingIds: [crossingId] }, delivery });
  return { ...m, subscription };
}

export const analyst = async () => (await member("kg-mvd-sbnon", { role: "analyst" })).caller;

export const pendingItems = (userId: string) => db.$count(mailItems, and(eq(mailItems.userId, userId), isNull(mailItems.deliveryId)));
export const header = (mail: SmtpSink["received"][number], name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? null;
export const settle = (ms = 4000) => new Promise((r) => setTimeout(r, ms));

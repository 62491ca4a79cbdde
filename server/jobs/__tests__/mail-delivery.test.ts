import { spawn } from "node:child_process";
import { join } from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { auditLog, mailDeliveries, notifications } from "~/db/schema";
import { enqueueDigestsNow } from "~/server/services/digest-schedule";
import { JOBS } from "~/server/queue/catalogue";
import { createThrough, seizureInput } from "~/tests/notices";
import { waitFor } from "~/tests/smtp-sink";
import { analyst, header, member, pendingItems, restartWorker, settle, sink, subscriber, useMailHarness, worker } from "./mail-harness";

// Before env.js is read: a short batch window, so a test sees a burst become one message.
vi.hoisted(() => {
  process.env.MAIL_BATCH_SECONDS = "3";
});

useMailHarness();

describe("instant alerts", () => {
  it("batch a burst into one message per reader, in their language, with only what each marking allows", async () => {
    const ru = await subscriber("kz-sgd-customs", "torugart", "instant", { locale: "ru" });
    const en = await subscriber("kz-sgd-customs", "torugart", "instant", { locale: "en" });
    const author = await analyst();
    const clear = await createThrough(
      author,
      seizureInput({ crossingId: "torugart", title: "Clear tanker at Torugart", narrative: "Declared as solvent, found behind a false wall." }),
    );
    const amber = await createThrough(
      author,
      seizureInput({ crossingId: "torugart", title: "Amber secret title", narrative: "amber secret narrative", tlp: "amber", releaseCountryCodes: ["KZ"] }),
    );
    const red = await createThrough(
      author,
      seizureInput({ crossingId: "torugart", title: "Red secret title", narrative: "red secret narrative", tlp: "red", recipientIds: [ru.user.id] }),
    );

    await waitFor(() => sink.to(ru.user.email).length > 0 && sink.to(en.user.email).length > 0, 20_000, "both alerts");
    await settle();
    const [ruMail, ...ruMore] = sink.to(ru.user.email);
    const [enMail, ...enMore] = sink.to(en.user.email);
    expect(ruMore).toHaveLength(0);
    expect(enMore).toHaveLength(0);

    expect(ruMail!.subject).toBe("3 новых сообщения для вас");
    expect(ruMail!.text).toContain("Clear tanker at Torugart");
    expect(ruMail!.text).toContain("found behind a false wall");
    expect(ruMail!.text).toContain("TLP:AMBER");
    expect(ruMail!.text).toContain("Содержание доступно только после входа в систему.");
    expect(ruMail!.text).toContain("Сообщение TLP:RED, адресованное вам");
    for (const body of [ruMail!.text!, ruMail!.html as string]) {
      expect(body).not.toMatch(/Amber secret|amber secret|Red secret|red secret/);
      for (const { id } of [clear, amber, red]) expect(body).toContain(`/notices/${id}`);
    }

    expect(enMail!.subject).toBe("2 new notices for you");
    expect(enMail!.text).toContain("Clear tanker at Torugart");
    expect(enMail!.text).not.toContain(red.id);
    expect(enMail!.text).not.toMatch(/TLP:RED|Amber secret/);

    expect(header(ruMail!, "list-unsubscribe")).toMatch(/^<http:\/\/localhost:3000\/api\/unsubscribe\/[\w.-]+>$/);
    expect(header(ruMail!, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(ruMail!.messageId).toMatch(/^<[0-9a-f]{40}@localhost>$/);
    // The notification centre got every notice too: email is on top of in-app.
    expect(await db.$count(notifications, eq(notifications.userId, ru.user.id))).toBe(3);
  }, 45_000);

  it("keep trying while SMTP refuses, and deliver once after it recovers", async () => {
    await worker.updateQueue(JOBS.instantMail, {
      name: JOBS.instantMail,
      policy: "stately",
      retryLimit: 30,
      retryDelay: 1,
      retryBackoff: false,
      expireInSeconds: 300,
      deadLetter: JOBS.deadLetter,
    });
    const reader = await subscriber("kz-sgd-customs", "irkeshtam", "instant");
    sink.setMode("refuse");
    const refusedBefore = sink.refused;
    try {
      await createThrough(await analyst(), seizureInput({ crossingId: "irkeshtam", title: "Sent while SMTP is down" }));
      await waitFor(() => sink.refused >= refusedBefore + 3, 30_000, "three refused attempts");
      expect(sink.to(reader.user.email)).toHaveLength(0);
    } finally {
      sink.setMode("accept");
    }
    await waitFor(() => sink.to(reader.user.email).length > 0, 20_000, "delivery after recovery");
    await settle(3000);
    expect(sink.to(reader.user.email).map((m) => m.subject)).toEqual(["A new notice for you"]);
    expect(sink.to(reader.user.email)[0]!.text).toContain("Sent while SMTP is down");
  }, 60_000);
});

describe("digests", () => {
  it("go out once per period, with only what the reader may read at send time", async () => {
    const kz = await subscriber("kz-sgd-customs", "dostyk", "daily");
    const tj = await subscriber("tj-customs", "dostyk", "daily");
    const { caller: admin } = await member("unodc-roca", { role: "admin" });
    const author = await analyst();
    const shared = await createThrough(author, seizureInput({ crossingId: "dostyk", title: "Digest clear notice" }));
    const amber = await createThrough(author, seizureInput({ crossingId: "dostyk", title: "Digest amber notice", tlp: "amber", releaseCountryCodes: ["KZ"] }));
    const restricted = await createThrough(
      author,
      seizureInput({ crossingId: "dostyk", title: "Later restricted", tlp: "amber", releaseCountryCodes: ["KZ"] }),
    );
    await waitFor(async () => (await pendingItems(kz.user.id)) === 3 && (await pendingItems(tj.user.id)) === 1, 15_000, "fan-out");
    // Re-released to Tajikistan only: Kazakh readers lose it before the digest is built.
    await author.notices.update({
      id: restricted.id,
      version: 1,
      notice: seizureInput({ crossingId: "dostyk", title: "Later restricted", tlp: "amber", releaseCountryCodes: ["TJ"] }),
    });

    expect((await admin.mail.runDigests()).queued).toBeGreaterThanOrEqual(2);
    await waitFor(() => sink.to(kz.user.email).length > 0 && sink.to(tj.user.email).length > 0, 20_000, "digests");
    // The sink has a message as soon as SMTP accepts it; its delivery row commits just after.
    await waitFor(async () => (await db.$count(mailDeliveries, inArray(mailDeliveries.userId, [kz.user.id, tj.user.id]))) >= 2, 10_000, "deliveries recorded");
    expect((await admin.mail.runDigests()).queued).toBe(0);
    await settle();

    const [kzDigest, ...kzMore] = sink.to(kz.user.email);
    expect(kzMore).toHaveLength(0);
    // The day in the reader's language, not an ISO date ("Nov 30, 2026").
    expect(kzDigest!.subject).toMatch(/^Your daily digest, [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(kzDigest!.text).toContain("Digest clear notice");
    expect(kzDigest!.text).toContain(`/notices/${amber.id}`);
    expect(kzDigest!.text).not.toContain(restricted.id);
    expect(kzDigest!.text).not.toContain("Digest amber notice");

    const [tjDigest, ...tjMore] = sink.to(tj.user.email);
    expect(tjMore).toHaveLength(0);
    expect(tjDigest!.text).toContain(`/notices/${shared.id}`);
    expect(tjDigest!.text).not.toContain(amber.id);
    expect(await db.$count(mailDeliveries, eq(mailDeliveries.userId, kz.user.id))).toBe(1);
  }, 45_000);
});

describe("a worker killed mid-run", () => {
  it("leaves no reader without their digest, and none with two", async () => {
    const readers = await Promise.all(Array.from({ length: 5 }, () => subscriber("kz-sgd-customs", "kulma", "daily")));
    await createThrough(await analyst(), seizureInput({ crossingId: "kulma", title: "Digest across a crash" }));
    await waitFor(async () => (await Promise.all(readers.map((r) => pendingItems(r.user.id)))).every((n) => n === 1), 15_000, "fan-out");

    // This test's worker steps aside; a worker in its own process takes the digests, sends two,
    // and is killed (SIGKILL: no clean-up) while handing the third to SMTP. Its job stays "active"
    // until it expires: seconds here instead of a minute.
    await worker.updateQueue(JOBS.digestMail, {
      name: JOBS.digestMail,
      policy: "stately",
      retryLimit: 12,
      retryDelay: 1,
      expireInSeconds: 3,
      deadLetter: JOBS.deadLetter,
    });
    await worker.stop({ graceful: false, wait: true });
    const sentBefore = sink.count;
    sink.stallAfter(sentBefore + 2);
    // One process (no tsx CLI wrapper, which would leave its child running after the kill).
    const child = spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "tests", "worker-process.ts")], {
      env: { ...process.env, SMTP_URL: sink.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => String(chunk).includes("worker ready") && resolve()));
      await db.transaction((tx) => enqueueDigestsNow(tx));
      await waitFor(() => sink.count === sentBefore + 2 && sink.stalled === 1, 30_000, "two digests sent and a third in flight");
    } finally {
      child.kill("SIGKILL");
      await exited;
      sink.releaseStalled();
    }

    await restartWorker({ schedule: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 });
    await db.transaction((tx) => enqueueDigestsNow(tx));
    await waitFor(() => readers.every((r) => sink.to(r.user.email).length > 0), 30_000, "every digest after the restart");
    await settle();
    expect(readers.map((r) => sink.to(r.user.email).length)).toEqual([1, 1, 1, 1, 1]);
    for (const r of readers) expect(await db.$count(mailDeliveries, eq(mailDeliveries.userId, r.user.id))).toBe(1);
  }, 90_000);
});

describe("a permanent refusal", () => {
  it("dead-letters that reader's digest at once, leaves the others alone, and an admin's retry sends it", async () => {
    const readers = await Promise.all(Array.from({ length: 3 }, () => subscriber("kz-sgd-customs", "khorgos", "daily")));
    const [refused, ...others] = readers;
    const { caller: admin } = await member("unodc-roca", { role: "admin" });
    await createThrough(await analyst(), seizureInput({ crossingId: "khorgos", title: "For a mailbox that does not exist" }));
    await waitFor(async () => (await Promise.all(readers.map((r) => pendingItems(r.user.id)))).every((n) => n === 1), 15_000, "fan-out");

    const jobOf = async (userId: string) =>
      (
        await db.execute<{ state: string; retry_count: number; retry_limit: number }>(sql`
        SELECT state, retry_count, retry_limit FROM pgboss.job WHERE name = ${JOBS.digestMail} AND data->>'userId' = ${userId}`)
      )[0];
    sink.rejectRecipient(refused!.user.email);
    try {
      await admin.mail.runDigests();
      await waitFor(async () => (await jobOf(refused!.user.id))?.state === "failed", 20_000, "the refused digest failed");
      await waitFor(() => others.every((r) => sink.to(r.user.email).length === 1), 20_000, "the other digests");
    } finally {
      sink.rejectRecipient(null);
    }
    // Failed on its first attempt, with all its retries left unused: no retrying a 550 for a day.
    const job = (await jobOf(refused!.user.id))!;
    expect(job.retry_count).toBe(0);
    expect(job.retry_limit).toBe(0);
    expect(sink.to(refused!.user.email)).toHaveLength(0);
    expect(await pendingItems(refused!.user.id)).toBe(1);
    const dead = (await admin.mail.deadLetters()).find((d) => d.queue === JOBS.digestMail && d.recipient === refused!.user.email);
    expect(dead).toMatchObject({ permanent: true, attempts: 1, retryable: true });
    expect(dead!.error).toContain("550");

    // Admins only: the reader's own chief may not send it again.
    await expect((await member("kz-sgd-customs")).caller.mail.retryDeadLetter({ id: dead!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await admin.mail.retryDeadLetter({ id: dead!.id });
    await waitFor(() => sink.to(refused!.user.email).length > 0, 20_000, "the digest after the retry");
    await settle(2000);
    expect(readers.map((r) => sink.to(r.user.email).length)).toEqual([1, 1, 1]);
    expect(sink.to(refused!.user.email)[0]!.text).toContain("For a mailbox that does not exist");
    expect((await admin.mail.deadLetters()).some((d) => d.id === dead!.id)).toBe(false);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mail.retry_job"), eq(auditLog.targetId, dead!.id)));
    expect(entry?.details).toMatchObject({ queue: JOBS.digestMail });
    await expect(admin.mail.retryDeadLetter({ id: dead!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 60_000);
});

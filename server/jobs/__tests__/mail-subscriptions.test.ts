import { inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { mailItems, subscriptions } from "~/db/schema";
import { POST as unsubscribePost } from "~/app/api/unsubscribe/[token]/route";
import { enqueueDueDigests } from "~/server/services/digest-schedule";
import { JOBS } from "~/server/queue/catalogue";
import { createThrough, seizureInput } from "~/tests/notices";
import { waitFor } from "~/tests/smtp-sink";
import { analyst, header, pendingItems, sink, subscriber, useMailHarness, worker } from "./mail-harness";

// Before env.js is read: a short batch window, so a test sees a burst become one message.
vi.hoisted(() => {
  process.env.MAIL_BATCH_SECONDS = "3";
});

useMailHarness();

// What a reader's subscription makes of mail: the one-click unsubscribe in every message, and
// digests due at 07:00 where the reader is.

describe("one-click unsubscribe", () => {
  it("works without sign-in, for the subscription the email was sent for and nothing else", async () => {
    const reader = await subscriber("kz-sgd-customs", "karkara", "instant");
    const other = await reader.caller.subscriptions.create({ filter: { kinds: ["arrest"] }, delivery: "daily" });
    const bystander = await subscriber("kz-sgd-customs", "karkara", "instant");
    await createThrough(await analyst(), seizureInput({ crossingId: "karkara", title: "Mail with an unsubscribe link" }));
    await waitFor(() => sink.to(reader.user.email).length > 0, 20_000, "the alert");
    const mail = sink.to(reader.user.email)[0]!;
    const token = header(mail, "list-unsubscribe")!.slice(1, -1).split("/").pop()!;
    expect(mail.text).toContain(`/unsubscribe/${token}`);

    const post = (t: string) =>
      unsubscribePost(
        new Request(`http://localhost:3000/api/unsubscribe/${t}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        { params: Promise.resolve({ token: t }) },
      );
    const signature = token.split(".")[1]!;
    const forged = `${Buffer.from(JSON.stringify({ u: reader.user.id, s: [reader.subscription.id, bystander.subscription.id] })).toString("base64url")}.${signature}`;
    expect((await post(forged)).status).toBe(404);
    expect((await post(`${token.slice(0, -3)}abc`)).status).toBe(404);
    expect((await post(token)).status).toBe(200);

    const rows = await db
      .select({ id: subscriptions.id, delivery: subscriptions.delivery })
      .from(subscriptions)
      .where(inArray(subscriptions.id, [reader.subscription.id, other.id, bystander.subscription.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.delivery]))).toEqual({
      [reader.subscription.id]: "in_app",
      [other.id]: "daily",
      [bystander.subscription.id]: "instant",
    });
  }, 45_000);
});

describe("the digest schedule", () => {
  it("are due at 07:00 in each reader's own time zone", async () => {
    const bishkek = await subscriber("kg-customs", "naryn", "daily", { timeZone: "Asia/Bishkek" });
    const almaty = await subscriber("kz-sgd-customs", "naryn", "daily", { timeZone: "Asia/Almaty" });
    await createThrough(await analyst(), seizureInput({ crossingId: "naryn", title: "For the morning digest" }));
    await waitFor(async () => (await pendingItems(bishkek.user.id)) === 1 && (await pendingItems(almaty.user.id)) === 1, 15_000, "fan-out");

    // 07:00 in Bishkek (UTC+6) is 01:00 UTC; Almaty (UTC+5) follows an hour later. The items are
    // dated half an hour before a Bishkek 07:00 of a fixed day, so that the test does not depend on
    // the hour it runs at (between 01:00 and 02:00 UTC, Almaty's next 07:00 used to fall between
    // the items and the run).
    const bishkekSeven = new Date("2026-01-10T01:00:00Z");
    await db
      .update(mailItems)
      .set({ createdAt: new Date("2026-01-10T00:30:00Z") })
      .where(inArray(mailItems.userId, [bishkek.user.id, almaty.user.id]));
    const minutes = (n: number) => new Date(bishkekSeven.getTime() + n * 60_000);
    const queuedFor = async (userId: string) =>
      (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${JOBS.digestMail} AND data->>'userId' = ${userId}`))[0]!.n;

    await worker.offWork(JOBS.digestMail);
    await enqueueDueDigests(minutes(-1));
    expect([await queuedFor(bishkek.user.id), await queuedFor(almaty.user.id)]).toEqual([0, 0]);
    await enqueueDueDigests(minutes(1));
    expect([await queuedFor(bishkek.user.id), await queuedFor(almaty.user.id)]).toEqual([1, 0]);
    await enqueueDueDigests(minutes(61));
    expect([await queuedFor(bishkek.user.id), await queuedFor(almaty.user.id)]).toEqual([1, 1]);
  });
});

import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { noticeReleaseCountries, notifications } from "~/db/schema";

import { decodeSignal, encodeSignals } from "~/server/services/notifications/channel";
import { deliverInApp } from "~/server/services/notifications/deliver";

import { refusal } from "~/tests/callers";

import { closeAfterAll, deliver, event, member, notice, other, otherClient } from "./notifications-fixtures";

// In-app notifications: delivered once per recipient, signalled across connections, listed and
// marked read by their owner.

closeAfterAll();

describe("deliverInApp", () => {
  it("adds one notification per recipient, and a retried fan-out adds none", async () => {
    const [a, b] = [await member("kz-sgd-customs"), await member("kz-sgd-customs")];
    const noticeId = await notice();
    const eventId = await event(noticeId);
    const delivery = { eventId, noticeId, kind: "published" as const, userIds: [a.viewer.userId, b.viewer.userId, a.viewer.userId] };

    expect(await db.transaction((tx) => deliverInApp(tx, delivery))).toBe(2);
    expect(await db.transaction((tx) => deliverInApp(tx, delivery))).toBe(0);
    expect(await db.$count(notifications, eq(notifications.eventId, eventId))).toBe(2);
  });

  it("makes notification ids visible in commit order, so resuming after an id skips nothing", async () => {
    const reader = await member("kz-sgd-customs");
    const [first, second] = [await notice(), await notice()];
    const [firstEvent, secondEvent] = [await event(first), await event(second)];
    let commitFirst!: () => void;
    const held = new Promise<void>((resolve) => (commitFirst = resolve));
    const firstFanOut = other.transaction(async (tx) => {
      await deliverInApp(tx, { eventId: firstEvent, noticeId: first, kind: "published", userIds: [reader.viewer.userId] });
      await held;
    });
    await vi.waitFor(async () =>
      expect(
        await otherClient`
        SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      ).toHaveLength(1),
    );

    let secondDone = false;
    const secondFanOut = db
      .transaction((tx) => deliverInApp(tx, { eventId: secondEvent, noticeId: second, kind: "published", userIds: [reader.viewer.userId] }))
      .then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false);

    commitFirst();
    await Promise.all([firstFanOut, secondFanOut]);
    const rows = await db
      .select({ eventId: notifications.eventId })
      .from(notifications)
      .where(eq(notifications.userId, reader.viewer.userId))
      .orderBy(notifications.id);
    expect(rows.map((r) => r.eventId)).toEqual([firstEvent, secondEvent]);
  });

  it("stores nothing when the fan-out transaction rolls back", async () => {
    const reader = await member("kz-sgd-customs");
    const noticeId = await notice();
    const eventId = await event(noticeId);
    await expect(
      db.transaction(async (tx) => {
        await deliverInApp(tx, { eventId, noticeId, kind: "published", userIds: [reader.viewer.userId] });
        throw new Error("the job failed");
      }),
    ).rejects.toThrow("the job failed");
    expect(await db.$count(notifications, eq(notifications.eventId, eventId))).toBe(0);
  });
});

describe("the NOTIFY signal", () => {
  it("splits a large fan-out into payloads PostgreSQL accepts, naming every recipient once", () => {
    const userIds = Array.from({ length: 1_000 }, () => randomUUID());
    const payloads = encodeSignals(userIds);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(payloads.flatMap(decodeSignal)).toEqual(userIds);
    expect(decodeSignal("not json")).toEqual([]);
  });
});

describe("the notification centre", () => {
  it("lists newest first, page by page, each notification once", async () => {
    const reader = await member("kz-sgd-customs");
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      await deliver(await notice({ title: `Page ${i}` }), [reader.viewer.userId]);
    }
    const first = await reader.caller.notifications.list({ limit: 2 });
    expect(first.items.map((n) => n.notice.title)).toEqual(["Page 4", "Page 3"]);
    ids.push(...first.items.map((n) => n.id));
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await reader.caller.notifications.list({ limit: 2, cursor });
      ids.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(await reader.caller.notifications.unreadCount()).toBe(5);
  });

  it("leaves out notifications about notices the reader may no longer read", async () => {
    const reader = await member("kz-sgd-customs");
    const kept = await notice({ title: "Still released to Kazakhstan" });
    const narrowed = await notice({ title: "Narrowed later" });
    await deliver(kept, [reader.viewer.userId]);
    const { eventId } = await deliver(narrowed, [reader.viewer.userId]);
    const [hidden] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.eventId, eventId));
    expect(await reader.caller.notifications.unreadCount()).toBe(2);

    // As an edit that takes Kazakhstan off the release would.
    await db.delete(noticeReleaseCountries).where(eq(noticeReleaseCountries.noticeId, narrowed));

    const { items } = await reader.caller.notifications.list({});
    expect(items.map((n) => n.notice.title)).toEqual(["Still released to Kazakhstan"]);
    expect(await reader.caller.notifications.unreadCount()).toBe(1);
    // Where the reader's pages start their stream: the newest notification they may read, not the hidden one's id.
    expect(await reader.caller.notifications.bell()).toEqual({ unread: 1, latestId: items[0]!.id });
    expect(await refusal(reader.caller.notifications.markRead({ id: hidden!.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await reader.caller.notifications.markAllRead()).toEqual({ marked: 1 });
    const [row] = await db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, hidden!.id));
    expect(row!.readAt).toBeNull();
  });

  it("marks read for its owner only; anyone else, of any agency, is told it does not exist", async () => {
    const reader = await member("kz-sgd-customs");
    await deliver(await notice(), [reader.viewer.userId]);
    const [mine] = (await reader.caller.notifications.list({})).items;

    for (const someoneElse of [await member("kz-sgd-customs"), await member("tj-customs")]) {
      expect(await refusal(someoneElse.caller.notifications.markRead({ id: mine!.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await someoneElse.caller.notifications.markAllRead()).toEqual({ marked: 0 });
      expect(await someoneElse.caller.notifications.list({})).toEqual({ items: [], nextCursor: null });
    }
    expect(await reader.caller.notifications.unreadCount()).toBe(1);

    await reader.caller.notifications.markRead({ id: mine!.id });
    expect(await reader.caller.notifications.unreadCount()).toBe(0);
    const [after] = (await reader.caller.notifications.list({})).items;
    expect(after!.readAt).toBeInstanceOf(Date);
    // Marking it again keeps the time it was first read.
    await reader.caller.notifications.markRead({ id: mine!.id });
    expect((await reader.caller.notifications.list({})).items[0]!.readAt).toEqual(after!.readAt);
  });
});

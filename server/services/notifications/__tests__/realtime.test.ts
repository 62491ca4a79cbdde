import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { notifications } from "~/db/schema";

import { deliverInApp } from "~/server/services/notifications/deliver";

import { closeAfterAll, deliver, event, member, notice, other, otherClient, stream } from "./notifications-fixtures";
import * as schema from "~/db/schema";

// The realtime stream of notifications: what it pushes, to whom, and how it resumes.

closeAfterAll();

describe("the realtime stream", () => {
  it("pushes a notification delivered on another connection, and only to its recipient", async () => {
    const reader = await member("kz-sgd-customs");
    const bystander = await member("kz-sgd-customs");
    const mine = await stream(reader.viewer);
    const theirs = await stream(bystander.viewer);
    try {
      await deliver(await notice({ title: "First" }), [reader.viewer.userId]);
      expect((await mine.next())?.data.notice.title).toBe("First");
      // The stream has caught up and now waits on LISTEN alone: this one can only come through it.
      const noticeId = await notice({ title: "Pushed live" });
      const started = Date.now();
      await deliver(noticeId, [reader.viewer.userId]);
      const pushed = await mine.next();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(pushed?.data).toMatchObject({ kind: "published", readAt: null, notice: { id: noticeId, title: "Pushed live" } });
      expect(pushed?.id).toBe(String(pushed?.data.id));
      expect(await theirs.next(500)).toBeNull();
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it("pushes nothing for a fan-out that rolled back", async () => {
    const reader = await member("kz-sgd-customs");
    const live = await stream(reader.viewer);
    try {
      const noticeId = await notice();
      const eventId = await event(noticeId);
      await expect(
        other.transaction(async (tx) => {
          await deliverInApp(tx, { eventId, noticeId, kind: "published", userIds: [reader.viewer.userId] });
          throw new Error("the job failed");
        }),
      ).rejects.toThrow("the job failed");
      expect(await live.next(500)).toBeNull();
    } finally {
      live.close();
    }
  });

  it("does not push a notification about a notice the reader may not read", async () => {
    const reader = await member("kz-sgd-customs");
    const live = await stream(reader.viewer);
    try {
      await deliver(await notice({ tlp: "amber_strict", releaseCountryCodes: [], releaseAgencyIds: ["kg-customs"] }), [reader.viewer.userId]);
      const readable = await notice({ title: "Readable" });
      await deliver(readable, [reader.viewer.userId]);
      expect((await live.next())?.data.notice.id).toBe(readable);
      expect(await live.next(300)).toBeNull();
    } finally {
      live.close();
    }
  });
});

describe("the realtime stream, resumed", () => {
  it("resumes after the last event the client saw, without loss or duplicates", async () => {
    const reader = await member("kz-sgd-customs");
    const first = await stream(reader.viewer);
    const seen: string[] = [];
    try {
      await deliver(await notice({ title: "Before the drop" }), [reader.viewer.userId]);
      seen.push((await first.next())!.id);
    } finally {
      first.close();
    }
    // While the client is away.
    const missed = [await notice({ title: "Missed 1" }), await notice({ title: "Missed 2" })];
    for (const id of missed) await deliver(id, [reader.viewer.userId]);

    const resumed = await stream(reader.viewer, Number(seen[0]));
    try {
      const replayed = [await resumed.next(), await resumed.next()];
      expect(replayed.map((e) => e?.data.notice.title)).toEqual(["Missed 1", "Missed 2"]);
      await deliver(await notice({ title: "After the reconnect" }), [reader.viewer.userId]);
      const live = await resumed.next();
      expect(live?.data.notice.title).toBe("After the reconnect");
      expect(await resumed.next(500)).toBeNull();
      const ids = [...seen, ...replayed.map((e) => e!.id), live!.id];
      expect(new Set(ids).size).toBe(4);
      const stored = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, reader.viewer.userId));
      expect(ids.map(Number)).toEqual(stored.map((row) => row.id).sort((x, y) => x - y));
    } finally {
      resumed.close();
    }
  });

  it("starts where the page was rendered: what arrived in between comes down the stream, even a reader's very first", async () => {
    const reader = await member("kz-sgd-customs");
    // The page is rendered: no notification yet, so its stream will start after 0.
    const { latestId: since, unread } = await reader.caller.notifications.bell();
    expect({ since, unread }).toEqual({ since: 0, unread: 0 });
    await deliver(await notice({ title: "Between the render and the stream" }), [reader.viewer.userId]);
    const opened = await stream(reader.viewer, since);
    try {
      expect((await opened.next())?.data.notice.title).toBe("Between the render and the stream");
      expect(await opened.next(500)).toBeNull();
    } finally {
      opened.close();
    }
  });

  it("listens again after its database connection is dropped, catching up on what was sent meanwhile", async () => {
    const reader = await member("kz-sgd-customs");
    const live = await stream(reader.viewer);
    try {
      const terminated = await otherClient<{ count: number }[]>`
        SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity
        WHERE application_name = 'tianshan_listener' AND datname = current_database()`;
      expect(terminated[0]!.count).toBe(1);
      const noticeId = await notice({ title: "Sent while reconnecting" });
      await deliver(noticeId, [reader.viewer.userId]);
      expect((await live.next(5_000))?.data.notice.title).toBe("Sent while reconnecting");

      await deliver(await notice({ title: "Sent after reconnecting" }), [reader.viewer.userId]);
      expect((await live.next())?.data.notice.title).toBe("Sent after reconnecting");
    } finally {
      live.close();
    }
  });

  it("ends when the reader's session ends", async () => {
    const reader = await member("kz-sgd-customs");
    const live = await stream(reader.viewer);
    await db.delete(schema.sessions).where(eq(schema.sessions.id, reader.sessionId));
    await deliver(await notice(), [reader.viewer.userId]);
    await expect(live.next()).rejects.toThrow("the stream ended");
  });
});

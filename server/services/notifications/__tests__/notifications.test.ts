import { randomUUID } from "node:crypto";
import { isTrackedEnvelope } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import * as schema from "~/db/schema";
import { noticeEvents, noticeReleaseCountries, notifications } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { appRouter, createCaller } from "~/server/api/root";
import { decodeSignal, encodeSignals } from "~/server/services/notifications/channel";
import { deliverInApp } from "~/server/services/notifications/deliver";
import { notificationsListener } from "~/server/services/notifications/listener";
import type { NotificationItem } from "~/server/services/notifications/read";
import { callerFor, refusal } from "~/tests/callers";
import { streamReader } from "~/tests/streams";
import { createThrough, seizureInput } from "~/tests/notices";

// A second client, as another app instance or the queue worker would have: signals must cross
// connections through PostgreSQL, not through this process's memory.
const otherClient = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
const other = drizzle({ client: otherClient, schema, casing: "snake_case" });

afterAll(async () => {
  await notificationsListener().stop();
  await otherClient.end();
});

async function member(agencyId: string, role: "analyst" | "chief" = "analyst") {
  return callerFor(await createUser(db, { agencyId, role }));
}

const author = await member("kg-mvd-sbnon");

/** A published notice; AMBER released to Kazakhstan unless told otherwise. */
async function notice(over: Parameters<typeof seizureInput>[0] = {}) {
  const created = await createThrough(author.caller, seizureInput({ title: `Notice ${randomUUID()}`, tlp: "amber", releaseCountryCodes: ["KZ"], ...over }));
  return created.id;
}

async function event(noticeId: string) {
  const [row] = await db.insert(noticeEvents).values({ noticeId, kind: "published" }).returning({ id: noticeEvents.id });
  return row!.id;
}

/** As the fan-out job does it: in a transaction of its own, on whichever connection it holds. */
async function deliver(noticeId: string, userIds: string[]) {
  const eventId = await event(noticeId);
  await other.transaction((tx) => deliverInApp(tx, { eventId, noticeId, kind: "published", userIds }));
  return { eventId };
}

/** The realtime procedure as the SSE handler runs it, with the request's abort signal. */
async function stream(viewer: Awaited<ReturnType<typeof member>>["viewer"], lastEventId?: number) {
  const abort = new AbortController();
  const caller = createCaller({ viewer, ip: "127.0.0.1", requestId: randomUUID() }, { signal: abort.signal });
  const iterable = await caller.notifications.onNew(lastEventId === undefined ? undefined : { lastEventId: String(lastEventId) });
  const next = streamReader<unknown>(iterable[Symbol.asyncIterator]());
  // The stream is ready once this process listens for the viewer.
  await vi.waitFor(() => expect(notificationsListener().listensFor(viewer.userId)).toBe(true));
  return {
    /** The next event's id and notification, or null if none comes within `ms`. */
    async next(ms = 3_000) {
      // What the SSE handler writes as the event's id and data: the caller hands over the
      // envelope the procedure yielded, whatever its declared type says.
      const envelope = await next(ms);
      if (envelope === null) return null;
      if (!isTrackedEnvelope<NotificationItem>(envelope)) throw new Error("the stream yielded an untracked event");
      const [id, data] = envelope;
      return { id, data };
    },
    close: () => abort.abort(),
  };
}

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

/**
 * The stream as a browser gets it: server-sent events from the tRPC fetch handler (the route
 * handler's), with the EventSource's Last-Event-ID header on a reconnect.
 */
async function eventSource(viewer: Awaited<ReturnType<typeof member>>["viewer"], lastEventId?: string) {
  const abort = new AbortController();
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request("http://localhost/api/trpc/notifications.onNew", {
      headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      signal: abort.signal,
    }),
    router: appRouter,
    createContext: () => ({ viewer, ip: "127.0.0.1", requestId: randomUUID() }),
  });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    /** The next event that carries an id, as { id, title }. */
    async next() {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (id && data) return { id, title: (JSON.parse(data) as { json: NotificationItem }).json.notice.title };
          continue;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error("the event stream ended");
        buffer += chunk.value;
      }
    },
    close: () => abort.abort(),
  };
}

describe("the realtime stream over server-sent events", () => {
  it("carries each notification's id, and a reconnect with Last-Event-ID gets exactly what was missed", async () => {
    const reader = await member("kz-sgd-customs");
    const first = await eventSource(reader.viewer);
    let lastSeen: string;
    try {
      await vi.waitFor(() => expect(notificationsListener().listensFor(reader.viewer.userId)).toBe(true));
      await deliver(await notice({ title: "Over SSE" }), [reader.viewer.userId]);
      const event = await first.next();
      expect(event.title).toBe("Over SSE");
      lastSeen = event.id;
    } finally {
      first.close();
    }
    for (const title of ["Missed over SSE 1", "Missed over SSE 2"]) await deliver(await notice({ title }), [reader.viewer.userId]);

    const resumed = await eventSource(reader.viewer, lastSeen);
    try {
      const replayed = [await resumed.next(), await resumed.next()];
      expect(replayed.map((e) => e.title)).toEqual(["Missed over SSE 1", "Missed over SSE 2"]);
      expect(Number(replayed[0]!.id)).toBeGreaterThan(Number(lastSeen));
    } finally {
      resumed.close();
    }
  });
});

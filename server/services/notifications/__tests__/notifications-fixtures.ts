import { randomUUID } from "node:crypto";
import { isTrackedEnvelope } from "@trpc/server";

import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, expect, vi } from "vitest";
import { db } from "~/db/index";
import * as schema from "~/db/schema";
import { noticeEvents } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { createCaller } from "~/server/api/root";
import { deliverInApp } from "~/server/services/notifications/deliver";
import { notificationsListener } from "~/server/services/notifications/listener";
import type { NotificationItem } from "~/server/services/notifications/read";
import { callerFor } from "~/tests/callers";
import { streamReader } from "~/tests/streams";
import { createThrough, seizureInput } from "~/tests/notices";

// What the notification tests share: a second database connection, an author, notices and their
// events delivered as the fan-out job would, and the realtime procedure as the SSE handler runs it.

// A second client, as another app instance or the queue worker would have: signals must cross
// connections through PostgreSQL, not through this process's memory.
export const otherClient = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
export const other = drizzle({ client: otherClient, schema, casing: "snake_case" });

/** Stops the listener and closes the second connection once the file's tests are done. */
export function closeAfterAll() {
  afterAll(async () => {
    await notificationsListener().stop();
    await otherClient.end();
  });
}

export async function member(agencyId: string, role: "analyst" | "chief" = "analyst") {
  return callerFor(await createUser(db, { agencyId, role }));
}

export const author = await member("kg-mvd-sbnon");

/** A published notice; AMBER released to Kazakhstan unless told otherwise. */
export async function notice(over: Parameters<typeof seizureInput>[0] = {}) {
  const created = await createThrough(author.caller, seizureInput({ title: `Notice ${randomUUID()}`, tlp: "amber", releaseCountryCodes: ["KZ"], ...over }));
  return created.id;
}

export async function event(noticeId: string) {
  const [row] = await db.insert(noticeEvents).values({ noticeId, kind: "published" }).returning({ id: noticeEvents.id });
  return row!.id;
}

/** As the fan-out job does it: in a transaction of its own, on whichever connection it holds. */
export async function deliver(noticeId: string, userIds: string[]) {
  const eventId = await event(noticeId);
  await other.transaction((tx) => deliverInApp(tx, { eventId, noticeId, kind: "published", userIds }));
  return { eventId };
}

/** The realtime procedure as the SSE handler runs it, with the request's abort signal. */
export async function stream(viewer: Awaited<ReturnType<typeof member>>["viewer"], lastEventId?: number) {
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

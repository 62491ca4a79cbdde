import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { describe, expect, it, vi } from "vitest";

import { appRouter } from "~/server/api/root";

import { notificationsListener } from "~/server/services/notifications/listener";
import type { NotificationItem } from "~/server/services/notifications/read";

import { closeAfterAll, deliver, member, notice } from "./notifications-fixtures";

// The realtime stream as a browser gets it, over server-sent events.

closeAfterAll();

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

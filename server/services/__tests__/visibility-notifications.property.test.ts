import { randomUUID } from "node:crypto";
import { isTrackedEnvelope } from "@trpc/server";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { mailbox, mailItems, noticeEvents } from "~/db/schema";
import { createCaller } from "~/server/api/root";
import { all, byId, leaks, linkingsTold, mergesTold, pages, readers, SEED, survivors, useGeneratedWorld, type Reader } from "~/tests/visibility-readers";

// What the platform tells a reader of, from one generated world (tests/visibility-readers.ts):
// notifications (list, count, bell, live stream) and mail (instant and digests).
useGeneratedWorld();

/**
 * Of each notice, the reader is told of no more links and merges than they may know of: `about`
 * counts what they were told of a notice, by event kind.
 */
function expectRelationsTold(r: Reader, about: (kind: string, noticeId: string) => number) {
  for (const n of all) {
    expect(["linked", n.tlp, n.status, about("linked", n.id)]).toEqual(["linked", n.tlp, n.status, Math.min(about("linked", n.id), linkingsTold(r, n.id))]);
    if (survivors().has(n.id))
      expect(["merged into", about("moderated", n.id)]).toEqual(["merged into", Math.min(about("moderated", n.id), mergesTold(r, n.id))]);
  }
}

/** The stream, as the SSE handler runs it for a client that last saw notification 1: the ids it sends. */
async function streamedIds(r: Reader, expectedCount: number): Promise<number[]> {
  const abort = new AbortController();
  const stream = createCaller({ viewer: r.viewer, ip: "127.0.0.1", requestId: randomUUID() }, { signal: abort.signal });
  const iterator = (await stream.notifications.onNew({ lastEventId: "1" }))[Symbol.asyncIterator]();
  const streamed: number[] = [];
  for (;;) {
    const next = await Promise.race([
      iterator.next(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), streamed.length < expectedCount ? 5_000 : 300)),
    ]);
    if (next === null || next.done) break;
    const envelope: unknown = next.value;
    if (!isTrackedEnvelope(envelope)) throw new Error("the stream yielded an untracked event");
    expect(leaks(r, envelope)).toEqual([]);
    streamed.push(Number(envelope[0]));
  }
  abort.abort();
  return streamed;
}

describe(`visibility in notifications and mail, from one generated world (VISIBILITY_SEED=${SEED})`, () => {
  it("notifications: the list, the unread count, the header's bell and the SSE stream name only readable notices and relations", async () => {
    let told = 0;
    for (const r of readers) {
      const items = await pages((cursor) => r.caller.notifications.list({ cursor: cursor === undefined ? undefined : Number(cursor), limit: 50 }));
      told += items.length;
      expect(leaks(r, items)).toEqual([]);
      for (const item of items) expect([item.kind, r.may(byId(item.notice.id))]).toEqual([item.kind, true]);
      expectRelationsTold(r, (kind, id) => items.filter((i) => i.kind === kind && i.notice.id === id).length);
      expect(await r.caller.notifications.unreadCount()).toBe(items.filter((i) => i.readAt === null).length);
      // Every page's header: the same count, and its stream starts at the newest readable id.
      expect(await r.caller.notifications.bell()).toEqual({
        unread: items.filter((i) => i.readAt === null).length,
        latestId: Math.max(0, ...items.map((i) => i.id)),
      });
      const expected = items
        .filter((i) => i.id > 1)
        .map((i) => i.id)
        .sort((a, b) => a - b);
      expect(await streamedIds(r, expected.length)).toEqual(expected);
    }
    expect(told).toBeGreaterThan(0);
  });

  it("instant mail and digests: each recipient's messages name only notices and relations they may read", async () => {
    let sent = 0;
    for (const r of readers) {
      // Queued: one item per event and channel, so relations are counted as notifications are.
      const queued = await db
        .select({ noticeId: mailItems.noticeId, kind: noticeEvents.kind })
        .from(mailItems)
        .innerJoin(noticeEvents, eq(noticeEvents.id, mailItems.eventId))
        .where(eq(mailItems.userId, r.user.id));
      expectRelationsTold(r, (kind, id) => queued.filter((q) => q.kind === kind && q.noticeId === id).length);
      // Rendered: what each message says.
      const mails = await db.select().from(mailbox).where(eq(mailbox.userId, r.user.id)).orderBy(asc(mailbox.id));
      sent += mails.length;
      for (const mail of mails) {
        expect(leaks(r, [mail.subject, mail.text, mail.html, mail.headers])).toEqual([]);
        for (const entry of mail.text.split("\n\n")) {
          const id = entry.match(/\/notices\/([0-9a-f-]{36})/)?.[1];
          if (!id || !all.some((n) => n.id === id)) continue;
          const labels = entry.split("\n")[0]!;
          if (labels.includes("Linked to another notice")) expect([labels, linkingsTold(r, id)]).not.toEqual([labels, 0]);
          if (labels.includes("Moderated") && survivors().has(id)) expect([labels, mergesTold(r, id)]).not.toEqual([labels, 0]);
        }
      }
    }
    expect(sent).toBeGreaterThan(0);
  });
});

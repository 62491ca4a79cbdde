import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db/index";
import { notices, sessions } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import type { FeedFilters } from "~/schemas/notices";
import { createCaller } from "~/server/api/root";
import { encodeCursor } from "~/server/services/notices/cursor";
import { notificationsListener } from "~/server/services/notifications/listener";
import { callerFor, refusal } from "~/tests/callers";
import { streamReader } from "~/tests/streams";
import { createThrough, seizureInput } from "~/tests/notices";

afterAll(async () => {
  await notificationsListener().stop();
});

const member = async (agencyId: string) => callerFor(await createUser(db, { agencyId, role: "analyst" }));

const author = await member("kg-mvd-sbnon");
const reader = await member("kz-sgd-customs");

/** Posts a notice as the author; each test uses a crossing of its own so tests do not count each other's notices. */
async function post(over: Parameters<typeof seizureInput>[0]) {
  const { id } = await createThrough(author.caller, seizureInput({ title: `Notice ${randomUUID()}`, ...over }));
  const [row] = await db.select({ status: notices.status, publishedAt: notices.publishedAt }).from(notices).where(eq(notices.id, id));
  expect(row?.status).toBe("published");
  return { id, cursor: encodeCursor({ at: row!.publishedAt!, id }) };
}

/** The realtime procedure as the SSE handler runs it, for an open page showing `filters`, whose first notice is `after`. */
async function openPage(viewer: typeof reader.viewer, filters: Omit<FeedFilters, "status">, after: string | null) {
  const abort = new AbortController();
  const caller = createCaller({ viewer, ip: "127.0.0.1", requestId: randomUUID() }, { signal: abort.signal });
  const iterator = (await caller.notices.arrivals({ filters, after }))[Symbol.asyncIterator]();
  const open = notificationsListener().newNoticeStreams();
  const next = streamReader(iterator);
  await vi.waitFor(() => expect(notificationsListener().newNoticeStreams()).toBeGreaterThan(open));
  return {
    /** The next count the page is told, or null if none comes within `ms`. */
    next: async (ms?: number) => (await next(ms))?.count ?? null,
    close: () => abort.abort(),
  };
}

describe("new notices on an open feed page", () => {
  it("counts published notices that match the page's filters, newer than its first one", async () => {
    const first = await post({ crossingId: "khorgos" });
    const page = await openPage(reader.viewer, { crossingId: "khorgos" }, first.cursor);
    try {
      expect(await page.next(500)).toBeNull();
      await post({ crossingId: "torugart" });
      expect(await page.next(700)).toBeNull();
      await post({ crossingId: "khorgos" });
      expect(await page.next()).toBe(1);
      await post({ crossingId: "khorgos", items: [{ substanceId: "acetic-anhydride", quantity: 5, unit: "kg" }] });
      expect(await page.next()).toBe(2);
    } finally {
      page.close();
    }
  });

  it("neither counts nor signals a notice the viewer may not read", async () => {
    const first = await post({ crossingId: "dostyk" });
    const page = await openPage(reader.viewer, { crossingId: "dostyk" }, first.cursor);
    // The author's own agency reads it: the same notice is counted on their page.
    const own = await openPage((await member("kg-mvd-sbnon")).viewer, { crossingId: "dostyk" }, first.cursor);
    try {
      // AMBER of a Kyrgyz agency, released to Tajikistan alone: the Kazakh reader may not read it.
      await post({ crossingId: "dostyk", tlp: "amber", releaseCountryCodes: ["TJ"] });
      expect(await own.next()).toBe(1);
      expect(await page.next(700)).toBeNull();
      // The next readable one counts as the first: the hidden one left no trace in the count.
      await post({ crossingId: "dostyk" });
      expect(await page.next()).toBe(1);
      expect(await own.next()).toBe(2);
    } finally {
      page.close();
      own.close();
    }
  });

  it("refuses a cursor that is not one of ours, as the call's answer", async () => {
    const caller = createCaller({ viewer: reader.viewer, ip: "127.0.0.1", requestId: randomUUID() });
    expect(await refusal(caller.notices.arrivals({ filters: {}, after: "not-a-cursor" }))).toMatchObject({ code: "BAD_REQUEST", key: "invalid", fields: {} });
  });

  it("on a page that showed nothing, counts every matching notice, and ends with the session", async () => {
    const substance = "potassium-permanganate";
    const viewer = (await member("kz-sgd-customs")).viewer;
    const page = await openPage(viewer, { substanceId: substance, countryCode: "KG" }, null);
    try {
      await post({ crossingId: "torugart", items: [{ substanceId: substance, quantity: 1, unit: "t" }] });
      expect(await page.next()).toBe(1);
      await db.delete(sessions).where(eq(sessions.id, viewer.sessionId));
      await post({ crossingId: "torugart", items: [{ substanceId: substance, quantity: 2, unit: "t" }] });
      await expect(page.next()).rejects.toThrow("the stream ended");
    } finally {
      page.close();
    }
  });
});

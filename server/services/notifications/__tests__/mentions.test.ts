import { randomUUID } from "node:crypto";
import { isTrackedEnvelope } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { mailbox, mailItems, noticeEvents, noticeReleaseAgencies } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { createCaller } from "~/server/api/root";
import type { Role } from "~/server/auth/roles";
import { useSmtp } from "~/server/email/transport";
import { fanOut } from "~/server/jobs/fan-out";
import { sendDigestMails, sendInstantMail } from "~/server/jobs/mail";
import { notificationsListener } from "~/server/services/notifications/listener";
import { callerFor } from "~/tests/callers";
import { createThrough, seizureInput } from "~/tests/notices";

// Mail goes to the database mailbox, where a test reads what each reader was sent.
useSmtp(null);

// The stream resumes after an id of at least 1 (see streamedKinds): every notification here comes later.
await db.execute(sql`SELECT setval(pg_get_serial_sequence('notifications', 'id'), 1)`);

afterAll(async () => {
  await notificationsListener().stop();
});

type Session = Awaited<ReturnType<typeof callerFor>>;

const member = async (agencyId: string, role: Role = "analyst"): Promise<Session> =>
  callerFor(await createUser(db, { agencyId, role, email: `m-${randomUUID()}@test.example.org` }));

/** Runs the fan-out of every event of the notice not yet fanned out, as the worker would. */
async function fanOutEvents(noticeId: string, kind: "linked" | "moderated") {
  const events = await db
    .select({ id: noticeEvents.id })
    .from(noticeEvents)
    .where(and(eq(noticeEvents.noticeId, noticeId), eq(noticeEvents.kind, kind)));
  for (const event of events) await fanOut(event.id);
}

/** What a reader learns of a notice's events: the notification list, the unread count, the stream, the mail queued. */
async function heard(reader: Session, noticeId: string) {
  const list = (await reader.caller.notifications.list({ limit: 50 })).items.filter((n) => n.notice.id === noticeId).map((n) => n.kind);
  const unread = await reader.caller.notifications.unreadCount();
  const streamed = await streamedKinds(reader, noticeId);
  return { list, unread, streamed };
}

/** Everything the realtime stream sends a client that resumes from before the reader's first notification. */
async function streamedKinds(reader: Session, noticeId: string) {
  const abort = new AbortController();
  const caller = createCaller({ viewer: reader.viewer, ip: "127.0.0.1", requestId: randomUUID() }, { signal: abort.signal });
  const iterator = (await caller.notifications.onNew({ lastEventId: "1" }))[Symbol.asyncIterator]();
  const kinds: string[] = [];
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([iterator.next(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 1_000)))]);
    clearTimeout(timer);
    if (result === null || result.done) break;
    const envelope: unknown = result.value;
    if (isTrackedEnvelope<{ kind: string; notice: { id: string } }>(envelope) && envelope[1].notice.id === noticeId) kinds.push(envelope[1].kind);
  }
  abort.abort();
  await iterator.return?.();
  return kinds;
}

const mailTo = async (reader: Session) =>
  (await db.select({ text: mailbox.text }).from(mailbox).where(eq(mailbox.userId, reader.viewer.userId))).map((m) => m.text);

const NOTHING = { list: [], unread: 0, streamed: [] };

describe("an event that names another notice", () => {
  it("reaches no watcher who may not read the notice linked: no notification, no realtime event, no mail", async () => {
    const kz = await member("kz-sgd-customs");
    const watched = await createThrough(kz.caller, seizureInput({ title: "Watched clear seizure" }));
    const hidden = await createThrough(kz.caller, seizureInput({ title: "Customs only", tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    const outsider = await member("tj-customs");
    const colleague = await member("kz-sgd-customs");
    for (const reader of [outsider, colleague]) await reader.caller.subscriptions.watch({ noticeId: watched.id, delivery: "instant" });

    await kz.caller.notices.link({ id: watched.id, otherId: hidden.id });
    await fanOutEvents(watched.id, "linked");

    expect((await outsider.caller.notices.get({ id: watched.id })).links).toEqual([]);
    expect(await heard(outsider, watched.id)).toEqual(NOTHING);
    expect(await db.$count(mailItems, eq(mailItems.userId, outsider.viewer.userId))).toBe(0);
    // The colleague reads both notices: told of the link, by every channel.
    expect(await heard(colleague, watched.id)).toEqual({ list: ["linked"], unread: 1, streamed: ["linked"] });
    expect(await db.$count(mailItems, eq(mailItems.userId, colleague.viewer.userId))).toBe(1);
  });

  it("is withdrawn from every channel once the notice it names is closed to the reader, mail and digests included", async () => {
    const kz = await member("kz-sgd-customs");
    const watched = await createThrough(kz.caller, seizureInput({ title: "Watched clear seizure" }));
    const other = await createThrough(kz.caller, seizureInput({ title: "Shared with Tajik customs", tlp: "amber_strict", releaseAgencyIds: ["tj-customs"] }));
    const instant = await member("tj-customs");
    const daily = await member("tj-customs");
    await instant.caller.subscriptions.watch({ noticeId: watched.id, delivery: "instant" });
    await daily.caller.subscriptions.watch({ noticeId: watched.id, delivery: "daily" });

    await kz.caller.notices.link({ id: watched.id, otherId: other.id });
    await fanOutEvents(watched.id, "linked");
    for (const reader of [instant, daily]) expect((await heard(reader, watched.id)).list).toEqual(["linked"]);

    // The other notice is no longer released to Tajik customs: the relation is no longer theirs to know.
    await db.delete(noticeReleaseAgencies).where(eq(noticeReleaseAgencies.noticeId, other.id));
    for (const reader of [instant, daily]) expect(await heard(reader, watched.id)).toEqual(NOTHING);
    expect(await sendInstantMail({ userId: instant.viewer.userId, category: "alerts" })).toBe("empty");
    const periodDate = new Date().toISOString().slice(0, 10);
    const [digest] = await sendDigestMails([{ userId: daily.viewer.userId, period: "daily", periodDate, cutoff: new Date().toISOString() }], 1);
    expect(digest).toEqual({ status: "fulfilled", value: "empty" });
    for (const reader of [instant, daily]) expect(await mailTo(reader)).toEqual([]);
  });

  it("tells a survivor's watchers of a merge only if they could read the duplicate", async () => {
    const kg = await member("kg-mvd-sbnon");
    const kz = await member("kz-sgd-customs");
    const coordinator = await member("unodc-roca", "coordinator");
    const survivor = await createThrough(kg.caller, seizureInput({ title: "Acetic anhydride at Torugart" }));
    const duplicate = await createThrough(
      kz.caller,
      seizureInput({ title: "Acetic anhydride, customs report", tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }),
    );
    const outsider = await member("tj-customs");
    const colleague = await member("kz-sgd-customs");
    for (const reader of [outsider, colleague]) await reader.caller.subscriptions.watch({ noticeId: survivor.id, delivery: "instant" });

    await coordinator.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "One event reported twice" });
    await fanOutEvents(survivor.id, "moderated");

    expect(await heard(outsider, survivor.id)).toEqual(NOTHING);
    expect(await db.$count(mailItems, eq(mailItems.userId, outsider.viewer.userId))).toBe(0);
    expect((await heard(colleague, survivor.id)).list).toEqual(["moderated"]);
  });
});

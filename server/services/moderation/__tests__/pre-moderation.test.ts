import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { agencies, auditLog, noticeEvents, notifications, subscriptions, users } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { fanOut } from "~/server/jobs/fan-out";
import { refusal } from "~/tests/callers";
import { arrestInput, createThrough, seizureInput } from "~/tests/notices";
import { admin, coordinator, eventsOf, SEEN, session, surfaces, UNSEEN } from "./moderation-fixtures";

// Pre-moderation: what is held for review, who sets it, and who hears of a held notice once it
// is decided.

describe("pre-moderation", () => {
  it("holds an agency's notices for review, invisible to every other reader until a coordinator approves", async () => {
    const adm = await admin();
    await adm.caller.moderation.setAgencyPreModeration({ agencyId: "kg-customs", preModerated: true });
    const author = await session("kg-customs");
    const reader = await session("kz-sgd-customs");
    const colleague = await session("kg-customs");
    const coord = await coordinator();

    const created = await createThrough(
      author.caller,
      seizureInput({ title: "Held seizure of potassium permanganate", items: [{ substanceId: "potassium-permanganate", quantity: 2, unit: "t" }] }),
    );
    expect(created.status).toBe("pending_review");
    for (const other of [reader, colleague]) expect(await surfaces(other, created.id, "potassium permanganate")).toEqual(UNSEEN);
    expect((await author.caller.notices.get({ id: created.id })).notice.status).toBe("pending_review");
    expect((await coord.caller.moderation.queue()).find((item) => item.id === created.id)).toMatchObject({ status: "pending_review" });
    expect(await eventsOf(created.id)).toEqual([]);

    await coord.caller.moderation.approve({ id: created.id, reason: "Checked against the customs declaration" });
    expect(await surfaces(reader, created.id, "potassium permanganate")).toEqual(SEEN);
    expect(await surfaces(colleague, created.id, "potassium permanganate")).toEqual(SEEN);
    expect(await eventsOf(created.id)).toEqual(["published"]);
    const log = await author.caller.moderation.log({ noticeId: created.id });
    expect(log.items).toEqual([expect.objectContaining({ action: "approve", reason: "Checked against the customs declaration" })]);
    await adm.caller.moderation.setAgencyPreModeration({ agencyId: "kg-customs", preModerated: false });
  });

  it("holds a pre-moderated user's notices, also after their agency's chief releases them, but never RED ones", async () => {
    const author = await session("kz-sgd-customs", "analyst", { preModerated: true });
    const other = await session("kz-sgd-customs");
    expect((await createThrough(author.caller, seizureInput())).status).toBe("pending_review");
    expect((await createThrough(other.caller, seizureInput())).status).toBe("published");
    const recipient = await session("kg-mvd-sbnon");
    const red = await createThrough(author.caller, seizureInput({ tlp: "red", recipientIds: [recipient.viewer.userId] }));
    expect(red.status).toBe("published");

    await db.update(agencies).set({ requiresRelease: true }).where(eq(agencies.id, "kz-sgd-customs"));
    try {
      const chief = await session("kz-sgd-customs", "chief");
      const waiting = await createThrough(author.caller, seizureInput());
      expect(waiting.status).toBe("pending_release");
      expect(await chief.caller.notices.release({ id: waiting.id })).toMatchObject({ status: "pending_review" });
    } finally {
      await db.update(agencies).set({ requiresRelease: false }).where(eq(agencies.id, "kz-sgd-customs"));
    }
  });

  it("can start with an invitation, when the inviting administrator chooses it", async () => {
    const adm = await admin();
    const { userId } = await adm.caller.users.invite({
      email: `premod-${Date.now()}@test.example.org`,
      name: "New Member",
      agencyId: "kz-sgd-customs",
      role: "analyst",
      preModerated: true,
    });
    const [row] = await db.select({ preModerated: users.preModerated }).from(users).where(eq(users.id, userId));
    expect(row!.preModerated).toBe(true);
  });

  it("is set by administrators only, and audited", async () => {
    const adm = await admin();
    const coord = await coordinator();
    const target = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    expect(await refusal(coord.caller.moderation.setUserPreModeration({ userId: target.id, preModerated: true }))).toMatchObject({ code: "FORBIDDEN" });
    await adm.caller.moderation.setUserPreModeration({ userId: target.id, preModerated: true });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(entry).toMatchObject({ action: "user.pre_moderation", actorUserId: adm.viewer.userId, details: { preModerated: true } });
  });
});

describe("what moderation tells subscribers", () => {
  /** Runs the fan-out of every event of the notice, as the worker would. */
  async function fanOutAll(noticeId: string) {
    const events = await db.select({ id: noticeEvents.id }).from(noticeEvents).where(eq(noticeEvents.noticeId, noticeId));
    for (const event of events) await fanOut(event.id);
  }
  const notified = async (userId: string, noticeId: string) =>
    (
      await db
        .select({ kind: notifications.kind })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.noticeId, noticeId)))
    ).map((n) => n.kind);

  it("a held notice notifies nobody; approved, it notifies the subscribers who may read it; redacted, they hear of it", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", preModerated: true });
    const author = await session(agency.id);
    const subscriber = await session("kz-sgd-customs");
    const outsider = await session("tj-customs");
    const coord = await coordinator();
    for (const who of [subscriber, outsider])
      await db.insert(subscriptions).values({ userId: who.viewer.userId, crossingIds: ["torugart"], delivery: "in_app" });

    const { id, status } = await createThrough(author.caller, arrestInput({ title: "Held arrest at Torugart" }));
    expect(status).toBe("pending_review");
    await fanOutAll(id);
    expect(await notified(subscriber.viewer.userId, id)).toEqual([]);

    await coord.caller.moderation.approve({ id, reason: "Verified" });
    await fanOutAll(id);
    expect(await notified(subscriber.viewer.userId, id)).toEqual(["published"]);
    expect(await notified(outsider.viewer.userId, id)).toEqual([]);

    await db.insert(subscriptions).values({ userId: subscriber.viewer.userId, noticeId: id, delivery: "in_app" });
    await coord.caller.moderation.redact({ id, field: "person", index: 0, reason: "Protects a witness" });
    await fanOutAll(id);
    expect((await notified(subscriber.viewer.userId, id)).sort()).toEqual(["moderated", "published"]);
    expect(await notified(outsider.viewer.userId, id)).toEqual([]);
  });
});

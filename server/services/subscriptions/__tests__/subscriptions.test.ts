import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { subscriptions } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { callerFor, refusal } from "~/tests/callers";
import { createThrough, seizureInput } from "~/tests/notices";

async function member(agencyId = "kz-sgd-customs", extra: { dutyStationId?: string; role?: "analyst" | "chief" } = {}) {
  const user = await createUser(db, { agencyId, role: extra.role ?? "chief", dutyStationId: extra.dutyStationId ?? null });
  return { user, ...(await callerFor(user)) };
}

describe("subscriptions", () => {
  it("a user with a duty station is subscribed to that crossing's feed on creation, and can change it", async () => {
    const { user, caller } = await member("kz-sgd-customs", { dutyStationId: "khorgos" });
    const [feed, ...others] = await caller.subscriptions.list();
    expect(others).toEqual([]);
    expect(feed).toMatchObject({ crossingIds: ["khorgos"], delivery: "daily", noticeId: null });
    await caller.subscriptions.update({ id: feed!.id, delivery: "weekly" });
    expect(await caller.subscriptions.forTarget({ target: "crossing", id: "khorgos" })).toEqual({ id: feed!.id, delivery: "weekly" });
    expect(await db.$count(subscriptions, eq(subscriptions.userId, user.id))).toBe(1);
  });

  it("combines dimensions and refuses an empty or unknown feed", async () => {
    const { caller } = await member();
    const { id } = await caller.subscriptions.create({
      filter: { crossingIds: ["torugart", "irkeshtam"], substanceIds: ["acetic-anhydride"] },
      delivery: "instant",
    });
    expect((await caller.subscriptions.list()).find((s) => s.id === id)).toMatchObject({
      crossingIds: ["torugart", "irkeshtam"],
      substanceIds: ["acetic-anhydride"],
      delivery: "instant",
    });
    expect(await refusal(caller.subscriptions.create({ filter: {}, delivery: "daily" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { filter: { key: "emptySubscription" } },
    });
    expect(await refusal(caller.subscriptions.create({ filter: { crossingIds: ["atlantis"] }, delivery: "daily" }))).toMatchObject({
      code: "BAD_REQUEST",
      key: "unknownReference",
    });
  });

  it("another user can neither change nor remove a subscription: not found, nothing changed", async () => {
    const owner = await member();
    const other = await member("tj-customs");
    const { id } = await owner.caller.subscriptions.create({ filter: { kinds: ["arrest"] }, delivery: "daily" });
    expect((await refusal(other.caller.subscriptions.update({ id, delivery: "in_app" }))).code).toBe("NOT_FOUND");
    expect((await refusal(other.caller.subscriptions.remove({ id }))).code).toBe("NOT_FOUND");
    expect((await refusal(other.caller.subscriptions.update({ id: randomUUID(), delivery: "in_app" }))).code).toBe("NOT_FOUND");
    const [row] = await db.select({ delivery: subscriptions.delivery }).from(subscriptions).where(eq(subscriptions.id, id));
    expect(row).toEqual({ delivery: "daily" });
    await owner.caller.subscriptions.remove({ id });
    expect(await db.$count(subscriptions, eq(subscriptions.id, id))).toBe(0);
  });

  it("watches only a notice the viewer may read; one they may not is not found", async () => {
    const author = await member("kg-mvd-sbnon", { role: "analyst" });
    const kz = await member("kz-sgd-customs");
    const tj = await member("tj-customs");
    const notice = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"] }));
    expect(await kz.caller.subscriptions.watch({ noticeId: notice.id, delivery: "instant" })).toMatchObject({ delivery: "instant" });
    expect(await kz.caller.subscriptions.watching({ noticeId: notice.id })).toEqual({ delivery: "instant" });
    expect((await refusal(tj.caller.subscriptions.watch({ noticeId: notice.id, delivery: "instant" }))).code).toBe("NOT_FOUND");
    expect(await db.$count(subscriptions, eq(subscriptions.userId, tj.user.id))).toBe(0);
    // Watching again changes the delivery of the one watch.
    await kz.caller.subscriptions.watch({ noticeId: notice.id, delivery: "daily" });
    expect((await kz.caller.subscriptions.list()).filter((s) => s.noticeId === notice.id)).toMatchObject([{ delivery: "daily", noticeTitle: "Test notice" }]);
    await kz.caller.subscriptions.unwatch({ noticeId: notice.id });
    expect(await kz.caller.subscriptions.watching({ noticeId: notice.id })).toEqual({ delivery: null });
  });

  it("turns moderation email off and on", async () => {
    const { caller } = await member();
    expect(await caller.subscriptions.mailSettings()).toEqual({ moderationEmails: true });
    await caller.subscriptions.updateMailSettings({ moderationEmails: false });
    expect(await caller.subscriptions.mailSettings()).toEqual({ moderationEmails: false });
  });
});

import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { subscriptions } from "~/db/schema";
import { refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";
import { coordinator, SEEN, session, surfaces, UNSEEN, type Session } from "./moderation-fixtures";

// Merging duplicates, and the quality signals that find them (and other gaps) for coordinators.

describe("merging duplicates", () => {
  it("folds the duplicate into one notice crediting both agencies, carrying its links; the duplicate redirects", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs");
    const tj = await session("tj-customs");
    const coord = await coordinator();
    const survivor = await createThrough(kg.caller, seizureInput({ title: "Acetic anhydride at Torugart, KG report" }));
    const duplicate = await createThrough(kz.caller, seizureInput({ title: "Acetic anhydride at Torugart, KZ report" }));
    const related = await createThrough(tj.caller, seizureInput({ title: "Related seizure in Tajikistan" }));
    await kz.caller.notices.link({ id: duplicate.id, otherId: related.id });
    await kz.caller.notices.link({ id: duplicate.id, otherId: survivor.id });
    // tj watches the duplicate, and so does kg, who already watches the survivor.
    await db.insert(subscriptions).values([
      { userId: tj.viewer.userId, noticeId: duplicate.id, delivery: "instant" },
      { userId: kg.viewer.userId, noticeId: duplicate.id, delivery: "daily" },
      { userId: kg.viewer.userId, noticeId: survivor.id, delivery: "in_app" },
    ]);

    const result = await coord.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "One event reported twice" });
    expect(result).toMatchObject({ survivorId: survivor.id, duplicateId: duplicate.id, linksCarried: 1, watchesCarried: 1 });
    const watches = await db
      .select({ userId: subscriptions.userId, noticeId: subscriptions.noticeId, delivery: subscriptions.delivery })
      .from(subscriptions)
      .where(inArray(subscriptions.noticeId, [survivor.id, duplicate.id]));
    expect(watches).toHaveLength(2);
    expect(watches).toEqual(
      expect.arrayContaining([
        { userId: tj.viewer.userId, noticeId: survivor.id, delivery: "instant" },
        { userId: kg.viewer.userId, noticeId: survivor.id, delivery: "in_app" },
      ]),
    );

    // Its author keeps their own notice, marked as merged; nobody else finds it anywhere.
    expect((await kz.caller.notices.get({ id: duplicate.id })).notice.status).toBe("merged");
    for (const reader of [kg, tj]) expect(await surfaces(reader, duplicate.id, "KZ report")).toEqual(UNSEEN);
    for (const reader of [kg, kz, tj]) {
      expect((await surfaces(reader, duplicate.id, "KZ report")).feed).toBe(false);
      expect(await surfaces(reader, survivor.id, "KG report")).toEqual(SEEN);
      expect(await reader.caller.moderation.redirect({ id: duplicate.id })).toEqual({ id: survivor.id });
      expect((await reader.caller.moderation.credits({ id: survivor.id })).map((c) => c.id)).toEqual(["kz-sgd-customs"]);
    }
    expect((await tj.caller.notices.get({ id: survivor.id })).links.map((l) => l.id)).toEqual([related.id]);
    expect((await tj.caller.notices.get({ id: related.id })).links.map((l) => l.id)).toEqual([survivor.id]);
    // Both agencies concerned read the decision in their moderation log.
    for (const reader of [kg, kz]) expect((await reader.caller.moderation.log({})).items.some((e) => e.action === "merge")).toBe(true);
    expect((await tj.caller.moderation.log({})).items.some((e) => e.action === "merge")).toBe(false);
  });

  it("refuses a merge that would take the notice away from the duplicate's author", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs");
    const coord = await coordinator();
    const survivor = await createThrough(kg.caller, seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["tj-customs"] }));
    const duplicate = await createThrough(kz.caller, seizureInput());
    expect(await refusal(coord.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "Same event" }))).toMatchObject({
      code: "CONFLICT",
      key: "mergeWouldHide",
    });
    expect(await surfaces(kz, duplicate.id, "Test notice")).toEqual(SEEN);
  });

  it("redirects a merged notice's address only for those who could read it; anyone else finds nothing there", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs", "analyst", { preModerated: true });
    const coord = await coordinator();
    const survivor = await createThrough(kg.caller, seizureInput({ title: "Acetic anhydride at Torugart" }));
    // Released to Kazakh customs alone; and one that never left review.
    const restricted = await createThrough(kz.caller, seizureInput({ tlp: "amber_strict", releaseAgencyIds: ["kg-customs"] }));
    await coord.caller.moderation.approve({ id: restricted.id, reason: "Verified" });
    const held = await createThrough(kz.caller, seizureInput());
    expect(held.status).toBe("pending_review");
    for (const duplicate of [restricted, held])
      await coord.caller.moderation.merge({ id: survivor.id, duplicateId: duplicate.id, reason: "One event reported twice" });

    const colleague = await session("kz-sgd-customs");
    const released = await session("kg-customs");
    const outsider = await session("tj-customs");
    const redirect = async (reader: Session, id: string) => (await reader.caller.moderation.redirect({ id })).id;
    for (const reader of [kz, colleague, released, coord]) expect(await redirect(reader, restricted.id)).toBe(survivor.id);
    for (const reader of [kg, outsider]) expect(await redirect(reader, restricted.id)).toBeNull();
    for (const reader of [kz, coord]) expect(await redirect(reader, held.id)).toBe(survivor.id);
    for (const reader of [colleague, released, kg, outsider]) expect(await redirect(reader, held.id)).toBeNull();
  });
});

describe("quality signals", () => {
  it("lists notices with no crossing or no identified substance, expired company alerts and suspected duplicates", async () => {
    const kg = await session("kg-mvd-sbnon");
    const kz = await session("kz-sgd-customs");
    const coord = await coordinator();
    const nowhere = await createThrough(kg.caller, seizureInput({ crossingId: null, placeText: "Bishkek rail yard", countryCode: "KG" }));
    const unknown = await createThrough(kg.caller, seizureInput({ items: [{ substanceId: null, description: "white powder", quantity: 5, unit: "kg" }] }));
    const expired = await createThrough(kg.caller, companyInput({ expiresOn: "2020-01-01" }));
    const first = await createThrough(
      kg.caller,
      seizureInput({ occurredOn: "2026-06-02", items: [{ substanceId: "acetic-anhydride", quantity: 10, unit: "t" }] }),
    );
    const second = await createThrough(
      kz.caller,
      seizureInput({ occurredOn: "2026-06-02", items: [{ substanceId: "acetic-anhydride", quantity: 10.5, unit: "t" }] }),
    );
    const notDuplicate = await createThrough(
      kz.caller,
      seizureInput({ occurredOn: "2026-06-02", items: [{ substanceId: "acetic-anhydride", quantity: 30, unit: "t" }] }),
    );

    const signals = await coord.caller.moderation.quality();
    expect(signals.noCrossing.map((n) => n.id)).toContain(nowhere.id);
    expect(signals.noSubstance.map((n) => n.id)).toEqual([unknown.id]);
    expect(signals.expiredAlerts.map((n) => n.id)).toEqual([expired.id]);
    const pairs = signals.duplicates.map((d) => [d.id, d.otherId].sort().join());
    expect(pairs).toContain([first.id, second.id].sort().join());
    expect(pairs.some((pair) => pair.includes(notDuplicate.id))).toBe(false);
  });
});

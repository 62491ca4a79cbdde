import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { noticeReports, notices } from "~/db/schema";
import { refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";
import { coordinator, eventsOf, SEEN, session, surfaces, UNSEEN } from "./moderation-fixtures";

// Reporting a notice, the coordinators' decisions on it, and pinning a regional alert.

describe("reporting a notice", () => {
  it("puts a notice the reader can read in the coordinators' queue, once per reader, with the reason", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Reported seizure at Torugart" }));

    await reader.caller.moderation.report({ id, reason: "inaccurate", note: "The quantity looks wrong" });
    await reader.caller.moderation.report({ id, reason: "inaccurate" });
    expect(await db.$count(noticeReports, eq(noticeReports.noticeId, id))).toBe(1);

    const queue = await coord.caller.moderation.queue();
    expect(queue.find((item) => item.id === id)).toMatchObject({ title: "Reported seizure at Torugart", openReports: 1, status: "published" });
    const review = await coord.caller.moderation.review({ id });
    expect(review.reports).toEqual([
      expect.objectContaining({ reason: "inaccurate", note: "The quantity looks wrong", status: "open", agency: expect.any(String) }),
    ]);
  });

  it("answers NOT_FOUND for a notice the reader may not read, and records nothing", async () => {
    const author = await session("kg-mvd-sbnon");
    const outsider = await session("tj-customs");
    const { id } = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KZ"] }));
    expect(await refusal(outsider.caller.moderation.report({ id, reason: "other" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.$count(noticeReports, eq(noticeReports.noticeId, id))).toBe(0);
  });

  it("closes the reports when a coordinator dismisses them, and the notice leaves the queue", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput());
    await reader.caller.moderation.report({ id, reason: "duplicate" });
    await coord.caller.moderation.dismiss({ id, reason: "Checked with the originator: correct" });
    expect((await coord.caller.moderation.queue()).some((item) => item.id === id)).toBe(false);
    expect(await surfaces(reader, id, "Test notice")).toEqual(SEEN);
  });
});

describe("moderation decisions", () => {
  it("requests changes: back to the author with the comments, and the corrected version waits for review again", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Seizure with a wrong quantity" }));
    await reader.caller.moderation.report({ id, reason: "inaccurate" });

    await coord.caller.moderation.requestChanges({ id, reason: "Give the quantity in tonnes as seized" });
    expect(await surfaces(reader, id, "wrong quantity")).toEqual(UNSEEN);
    const mine = await author.caller.notices.get({ id });
    expect(mine.notice.status).toBe("changes_requested");
    expect((await author.caller.moderation.log({ noticeId: id })).items[0]).toMatchObject({
      action: "request_changes",
      reason: "Give the quantity in tonnes as seized",
    });

    const edited = await author.caller.notices.update({
      id,
      version: mine.notice.version,
      notice: seizureInput({ title: "Seizure with a corrected quantity" }),
    });
    expect((await author.caller.notices.get({ id: edited.id })).notice.status).toBe("pending_review");
    expect(await surfaces(reader, id, "corrected quantity")).toEqual(UNSEEN);
    await coord.caller.moderation.approve({ id, reason: "Corrected" });
    expect(await surfaces(reader, id, "corrected quantity")).toEqual(SEEN);
  });

  it("rejects: the author keeps the notice with the reason, nobody else sees it, and it can no longer be edited", async () => {
    const author = await session("kz-sgd-customs", "analyst", { preModerated: true });
    const reader = await session("kg-mvd-sbnon");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Rejected rumour" }));
    await coord.caller.moderation.reject({ id, reason: "No source given" });
    expect(await surfaces(reader, id, "rumour")).toEqual(UNSEEN);
    const mine = await author.caller.notices.get({ id });
    expect(mine.notice.status).toBe("rejected");
    expect(mine.can.edit).toBe(false);
    expect(await refusal(author.caller.notices.update({ id, version: mine.notice.version, notice: seizureInput() }))).toMatchObject({
      code: "CONFLICT",
      key: "noticeClosedByModeration",
    });
    expect(await refusal(coord.caller.moderation.approve({ id, reason: "Changed my mind" }))).toMatchObject({
      code: "CONFLICT",
      key: "wrongStatusForDecision",
    });
  });

  it("retracts: the notice leaves every reader's feed and search, stays readable with the reason, and readers are told", async () => {
    const author = await session("kg-mvd-sbnon");
    const reader = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ title: "Retracted ephedrine seizure" }));
    await coord.caller.moderation.retract({ id, reason: "Duplicate of an older notice" });
    for (const who of [author, reader]) {
      expect((await who.caller.notices.feed({ limit: 100 })).items.some((item) => item.id === id)).toBe(false);
      const found = (await who.caller.notices.search({ q: "ephedrine" })).items.filter((item) => item.id === id);
      expect(found.every((item) => item.status === "retracted")).toBe(true);
    }
    const { notice } = await reader.caller.notices.get({ id });
    expect(notice).toMatchObject({ status: "retracted", retractedReason: "Duplicate of an older notice" });
    expect(await eventsOf(id)).toContain("retracted");
  });

  it("acts only on notices the coordinator may see: a RED notice nobody reported is not found", async () => {
    const author = await session("kg-mvd-sbnon");
    const recipient = await session("kz-sgd-customs");
    const coord = await coordinator();
    const { id } = await createThrough(author.caller, seizureInput({ tlp: "red", recipientIds: [recipient.viewer.userId] }));
    expect(await refusal(coord.caller.moderation.retract({ id, reason: "Not allowed" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(coord.caller.moderation.review({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await db.select({ status: notices.status }).from(notices).where(eq(notices.id, id)))[0]!.status).toBe("published");
  });

  it("is refused to anyone but a coordinator", async () => {
    const author = await session("kg-mvd-sbnon");
    const { id } = await createThrough(author.caller, seizureInput());
    for (const role of ["analyst", "chief", "agency_admin", "admin"] as const) {
      const other = await session(role === "admin" ? "unodc-roca" : "kg-mvd-sbnon", role);
      expect(await refusal(other.caller.moderation.retract({ id, reason: "Not mine to retract" }))).toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("pinning a regional alert", () => {
  it("puts it above every reader's feed for the period, for those who may read it", async () => {
    const author = await session("kz-sgd-customs");
    const kg = await session("kg-mvd-sbnon");
    const tj = await session("tj-customs");
    const coord = await coordinator();
    const alert = await createThrough(author.caller, companyInput({ title: "Front company series: Alpha Trade" }));
    const amber = await createThrough(author.caller, seizureInput({ tlp: "amber", releaseCountryCodes: ["KG"] }));
    await coord.caller.moderation.pin({ id: alert.id, days: 7, reason: "Regional alert" });
    await coord.caller.moderation.pin({ id: amber.id, days: 7, reason: "Regional alert for Kyrgyzstan" });

    expect((await kg.caller.moderation.pinned()).map((n) => n.id).sort()).toEqual([alert.id, amber.id].sort());
    expect((await tj.caller.moderation.pinned()).map((n) => n.id)).toEqual([alert.id]);

    await coord.caller.moderation.unpin({ id: alert.id, reason: "Alert over" });
    expect((await tj.caller.moderation.pinned()).map((n) => n.id)).toEqual([]);
    expect(await refusal(coord.caller.moderation.unpin({ id: alert.id, reason: "Again" }))).toMatchObject({ code: "CONFLICT", key: "notPinned" });
  });
});

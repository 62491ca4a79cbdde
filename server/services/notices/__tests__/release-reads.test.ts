import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { callerFor, refusal } from "~/tests/callers";
import { createThrough } from "~/tests/notices";
import { build, user } from "./write-read-fixtures";

// Drafts, a chief's release, and who reads a notice (and whose reads are logged).

describe("drafts and release by a chief", () => {
  it("keeps a draft to its author until submitted", async () => {
    const author = await user("kg-mvd-sbnon");
    const colleague = await user("kg-mvd-sbnon", "chief");
    const { id, status } = await createThrough(author, build.seizure({ tlp: "green", releaseCountryCodes: [] }), { asDraft: true });
    expect(status).toBe("draft");
    expect((await author.notices.get({ id })).can).toMatchObject({ submit: true, retract: false });
    await expect(colleague.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(author.notices.retract({ id, reason: "Not published yet" }))).toMatchObject({ code: "CONFLICT", key: "notPublished" });

    await author.notices.submit({ id });
    expect((await colleague.notices.get({ id })).notice.status).toBe("published");
    expect(await refusal(author.notices.submit({ id }))).toMatchObject({ code: "CONFLICT", key: "notADraft" });
  });

  it("holds an analyst's notice for a chief's release where the agency requires it", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", requiresRelease: true });
    const analyst = await user(agency.id);
    const colleague = await user(agency.id);
    const chief = await user(agency.id, "chief");
    const kzReader = await user("kz-sgd-customs");
    const kzChief = await user("kz-sgd-customs", "chief");
    const coordinator = await user("unodc-roca", "coordinator");

    const { id, status } = await createThrough(analyst, build.seizure({ releaseAgencyIds: ["kz-sgd-customs"], releaseCountryCodes: [] }));
    expect(status).toBe("pending_release");
    for (const outsider of [kzReader, kzChief, colleague, coordinator]) {
      await expect(outsider.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await refusal(kzChief.notices.release({ id }))).toMatchObject({ code: "NOT_FOUND" });
    const held = await chief.notices.get({ id });
    expect(held.notice.status).toBe("pending_release");
    expect(held.can.release).toBe(true);

    await chief.notices.release({ id });
    const released = await kzReader.notices.get({ id });
    expect(released.notice).toMatchObject({ status: "published", releasedBy: { id: (await chief.viewer.me()).userId } });
    expect(released.notice.publishedAt).not.toBeNull();
    await expect(coordinator.notices.get({ id })).resolves.toBeTruthy();
    await expect((await user("tj-customs")).notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(chief.notices.release({ id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("publishes a waiting notice that its author makes RED: no chief could ever release it", async () => {
    const agency = await createAgency(db, { countryCode: "KG", seatCountryCode: "KG", requiresRelease: true });
    const analyst = await user(agency.id);
    const chief = await user(agency.id, "chief");
    const recipientUser = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const { id, status } = await createThrough(analyst, build.seizure());
    expect(status).toBe("pending_release");

    await analyst.notices.update({ id, version: 1, notice: build.seizure({ tlp: "red", releaseCountryCodes: [], recipientIds: [recipientUser.id] }) });
    const { notice } = await (await callerFor(recipientUser)).caller.notices.get({ id });
    expect(notice.status).toBe("published");
    expect(notice.publishedAt).not.toBeNull();
    await expect(chief.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("who reads what", () => {
  it("shows a RED notice to its author and recipients only", async () => {
    const author = await user("kg-mvd-sbnon");
    const recipientUser = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const recipient = (await callerFor(recipientUser)).caller;
    const { id, status } = await createThrough(author, build.arrest({ tlp: "red", releaseCountryCodes: [], recipientIds: [recipientUser.id] }));
    expect(status).toBe("published");

    await expect(author.notices.get({ id })).resolves.toBeTruthy();
    expect((await recipient.notices.get({ id })).notice.release.recipients).toEqual([{ id: recipientUser.id, name: recipientUser.name }]);
    for (const outsider of [
      await user("kg-mvd-sbnon"),
      await user("kg-mvd-sbnon", "chief"),
      await user("kz-sgd-customs"),
      await user("unodc-roca", "coordinator"),
    ]) {
      await expect(outsider.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("audits a read of an AMBER notice and shows it in the originating agency's read log only", async () => {
    const author = await user("kg-mvd-sbnon");
    const kgChief = await user("kg-mvd-sbnon", "chief");
    const kzReaderUser = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", name: "Aigerim Reader" });
    const kzReader = (await callerFor(kzReaderUser)).caller;
    const { id } = await createThrough(author, build.seizure());

    await kzReader.notices.get({ id });
    const reads = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notice.read"), eq(auditLog.targetId, id)));
    expect(reads).toEqual([expect.objectContaining({ actorUserId: kzReaderUser.id, actorAgencyId: "kz-sgd-customs", details: { tlp: "amber" } })]);

    const log = await kgChief.notices.readLog({ id });
    expect(log).toEqual([{ at: expect.any(Date), reader: "Aigerim Reader", agency: expect.objectContaining({ id: "kz-sgd-customs" }) }]);
    await expect((await user("unodc-roca", "coordinator")).notices.readLog({ id })).resolves.toHaveLength(1);
    // A reader of the notice outside its agency, and a third agency, are told it does not exist.
    expect(await refusal(kzReader.notices.readLog({ id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal((await user("tj-customs", "chief")).notices.readLog({ id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not audit reads of GREEN notices", async () => {
    const author = await user("kg-mvd-sbnon");
    const { id } = await createThrough(author, build.seizure({ tlp: "green", releaseCountryCodes: [] }));
    await (await user("tj-customs")).notices.get({ id });
    expect(await db.$count(auditLog, and(eq(auditLog.action, "notice.read"), eq(auditLog.targetId, id)))).toBe(0);
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, noticeLinks } from "~/db/schema";
import { refusal } from "~/tests/callers";
import { createThrough } from "~/tests/notices";
import { build, user } from "./write-read-fixtures";

// Linking, unlinking and retracting a notice of each kind: by whom, and what readers see after.

describe.each(["seizure", "company_alert", "arrest"] as const)("a %s notice", (kind) => {
  it("is linked to another notice both sides can read, and unlinked", async () => {
    const author = await user("kg-mvd-sbnon");
    const kzReader = await user("kz-sgd-customs");
    const { id } = await createThrough(author, build[kind]());
    const { id: otherId } = await createThrough(author, build.seizure({ tlp: "green", releaseCountryCodes: [] }));

    await kzReader.notices.link({ id, otherId });
    await kzReader.notices.link({ id: otherId, otherId: id });
    expect(await db.$count(noticeLinks)).toBe(1);
    expect((await author.notices.get({ id })).links.map((l) => l.id)).toEqual([otherId]);
    expect((await author.notices.get({ id: otherId })).links.map((l) => l.id)).toEqual([id]);

    // From a reader who cannot see this notice, the other one shows no link.
    const tjReader = await user("tj-customs");
    expect((await tjReader.notices.get({ id: otherId })).links).toEqual([]);
    expect(await refusal(tjReader.notices.unlink({ id, otherId }))).toMatchObject({ code: "NOT_FOUND" });

    expect(await refusal(author.notices.link({ id, otherId: id }))).toMatchObject({ code: "BAD_REQUEST", fields: { otherId: { key: "linkToSelf" } } });

    await kzReader.notices.unlink({ id, otherId });
    expect(await db.$count(noticeLinks)).toBe(0);
    expect(await refusal(kzReader.notices.unlink({ id, otherId }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is retracted with a reason, and stays readable by its readers only", async () => {
    const author = await user("kg-mvd-sbnon");
    const kzReader = await user("kz-sgd-customs");
    const tjReader = await user("tj-customs");
    const { id } = await createThrough(author, build[kind]());

    expect(await refusal(kzReader.notices.retract({ id, reason: "Not ours to retract" }))).toMatchObject({ code: "FORBIDDEN", key: "notYourNotice" });
    expect(await refusal(tjReader.notices.retract({ id, reason: "Not visible to us" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await author.notices.get({ id })).notice.status).toBe("published");

    await author.notices.retract({ id, reason: "Laboratory test was negative" });
    const { notice, can } = await kzReader.notices.get({ id });
    expect(notice).toMatchObject({ status: "retracted", retractedReason: "Laboratory test was negative" });
    expect(notice.retractedAt).not.toBeNull();
    expect((await author.notices.get({ id })).can).toMatchObject({ edit: false, retract: false });
    expect(can).toMatchObject({ edit: false, retract: false });
    await expect(tjReader.notices.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await refusal(author.notices.retract({ id, reason: "Once more" }))).toMatchObject({ code: "CONFLICT", key: "noticeRetracted" });
    expect(await refusal(author.notices.update({ id, version: 1, notice: build[kind]({ title: "Too late" }) }))).toMatchObject({
      code: "CONFLICT",
      key: "noticeRetracted",
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notice.retract"), eq(auditLog.targetId, id)));
    expect(entry?.details).toEqual({ reason: "Laboratory test was negative" });
  });
});

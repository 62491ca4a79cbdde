import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, criminalProvisions, crossings } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { callerFor, refusal } from "~/tests/callers";

const coordinator = async () => (await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "coordinator" }))).caller;

describe("reference data curation", () => {
  it("lets a coordinator set a crossing's status and schedule, auditing old → new", async () => {
    const coord = await coordinator();
    const [before] = await db.select({ status: crossings.status, scheduleNote: crossings.scheduleNote }).from(crossings).where(eq(crossings.id, "kulma"));
    const note = "Open May–November, 15 days open / 15 closed";
    const schedule = {
      scheduleNote: note,
      scheduleNoteRu: "Открыт с мая по ноябрь, 15 дней работы и 15 дней перерыва",
      scheduleNoteZh: "5月至11月开放，开放15天、关闭15天",
    };
    const result = await coord.reference.crossings.curate({ id: "kulma", status: "seasonal", ...schedule });
    expect(result.changed.length).toBeGreaterThan(0);
    expect(await coord.reference.crossings.get({ id: "kulma" })).toMatchObject({ status: "seasonal", ...schedule });

    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "reference.crossing.update"), eq(auditLog.targetId, "kulma")));
    expect(entry!.details).toMatchObject({ scheduleNote: { from: before!.scheduleNote, to: note } });
    // Saving the same values again changes and records nothing.
    expect(await coord.reference.crossings.curate({ id: "kulma", status: "seasonal", ...schedule })).toEqual({ id: "kulma", changed: [] });
    expect(await db.$count(auditLog, and(eq(auditLog.action, "reference.crossing.update"), eq(auditLog.targetId, "kulma")))).toBe(1);
  });

  it("creates and edits substances and criminal provisions", async () => {
    const coord = await coordinator();
    await coord.reference.substances.curate({
      id: "test-precursor",
      conventionTable: "II",
      nameEn: "Test precursor",
      nameRu: "Тестовый прекурсор",
      aliases: ["TP-1"],
    });
    expect((await coord.reference.substances.search({ q: "TP-1" })).map((s) => s.id)).toContain("test-precursor");
    await coord.reference.substances.curate({ id: "test-precursor", conventionTable: "I", nameEn: "Test precursor", nameRu: "Тестовый прекурсор" });
    expect(await coord.reference.substances.get({ id: "test-precursor" })).toMatchObject({ conventionTable: "I", aliases: ["TP-1"] });

    await coord.reference.provisions.curate({
      id: "kz-test-article",
      countryCode: "KZ",
      code: "Criminal Code of Kazakhstan",
      article: "286",
      inForce: true,
      titleEn: "Test",
      titleRu: "Тест",
      titleZh: "测试",
    });
    const [provision] = await db.select().from(criminalProvisions).where(eq(criminalProvisions.id, "kz-test-article"));
    expect(provision).toMatchObject({ article: "286", inForce: true });
    expect(await db.$count(auditLog, eq(auditLog.action, "reference.substance.create"))).toBe(1);
    expect(await db.$count(auditLog, eq(auditLog.action, "reference.substance.update"))).toBe(1);
    expect(await db.$count(auditLog, eq(auditLog.action, "reference.provision.create"))).toBe(1);
  });

  it("is refused to agency roles, and an unknown crossing is not found", async () => {
    const coord = await coordinator();
    for (const role of ["analyst", "chief", "agency_admin"] as const) {
      const { caller } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role }));
      expect(await refusal(caller.reference.crossings.curate({ id: "kulma", status: "closed" }))).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await refusal(coord.reference.crossings.curate({ id: "no-such-crossing", status: "closed" }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("reference data curation in three languages", () => {
  it("refuses an English text without its Russian and Chinese, and clears the translations with the English", async () => {
    const coord = await coordinator();
    const [before] = await db.select().from(crossings).where(eq(crossings.id, "torugart"));
    expect(
      await refusal(coord.reference.crossings.curate({ id: "torugart", scheduleNote: "Weekdays only", scheduleNoteRu: "Только по будним дням" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fields: { scheduleNoteZh: { key: "translationRequired" } },
    });
    const [after] = await db.select().from(crossings).where(eq(crossings.id, "torugart"));
    expect(after).toEqual(before);

    await coord.reference.crossings.curate({ id: "torugart", scheduleNote: null });
    expect(await coord.reference.crossings.get({ id: "torugart" })).toMatchObject({ scheduleNote: null, scheduleNoteRu: null, scheduleNoteZh: null });

    const penalty = { penaltySummary: "Up to 12 years", penaltySummaryRu: "До 12 лет" };
    const provision = { id: "kz-test-2", countryCode: "KZ", code: "Criminal Code", inForce: true, titleEn: "Test", titleRu: "Тест", titleZh: "测试" } as const;
    expect(await refusal(coord.reference.provisions.curate({ ...provision, ...penalty }))).toMatchObject({
      fields: { penaltySummaryZh: { key: "translationRequired" } },
    });
    expect(
      await refusal(coord.reference.substances.curate({ id: "test-2", conventionTable: "I", nameEn: "T", nameRu: "Т", licitUses: "solvent" })),
    ).toMatchObject({
      fields: { licitUsesRu: { key: "translationRequired" }, licitUsesZh: { key: "translationRequired" } },
    });
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, entityBackfill, entityMentions } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { backfillEntities } from "~/server/services/entities/backfill";
import { conveyanceOf, nameKey, phoneKey } from "~/server/services/notices/identifiers";
import { callerFor, refusal } from "~/tests/callers";
import { arrestInput, companyInput, createThrough, seizureInput } from "~/tests/notices";

// Issue 19: entities from structured fields, correlated across agencies' notices and scripts, and
// only ever among the notices a reader may read.

type Session = Awaited<ReturnType<typeof callerFor>>;
let kz: Session; // an analyst of a Kazakh agency: reads everything below
let tj: Session; // a Tajik analyst: reads the GREEN seizure and the alert, not the arrest
let coordinator: Session;
const made = {} as Record<"seizure" | "alert" | "arrest" | "plateA" | "plateB" | "hidden", string>;

const otherIds = (parts: { notices: { id: string }[] }[]) => [...new Set(parts.flatMap((p) => p.notices.map((n) => n.id)))].sort();

beforeAll(async () => {
  const kzAgency = await createAgency(db, { countryCode: "KZ" });
  const tjAgency = await createAgency(db, { countryCode: "TJ" });
  const kgAgency = await createAgency(db, { countryCode: "KG" });
  kz = await callerFor(await createUser(db, { agencyId: kzAgency.id, role: "analyst" }));
  tj = await callerFor(await createUser(db, { agencyId: tjAgency.id, role: "analyst" }));
  const kg = await callerFor(await createUser(db, { agencyId: kgAgency.id, role: "analyst" }));
  coordinator = await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "coordinator" }));
  made.seizure = (
    await createThrough(
      kg.caller,
      seizureInput({ title: "Barrels for a Bishkek consignee", tlp: "green", consignee: "Tianshan Chemical Trading", conveyanceIds: ["01 КG 777"] }),
    )
  ).id;
  made.alert = (
    await createThrough(
      kz.caller,
      companyInput({
        title: "Front company in Kashgar",
        tlp: "amber",
        releaseCountryCodes: ["TJ", "KG"],
        names: [{ script: "chinese", name: "天山化工贸易有限公司" }],
        owners: ["Wang Jun (王军)"],
        phones: ["+7 (701) 555-12-34"],
        registrationNumbers: ["91653101-MA78"],
      }),
    )
  ).id;
  made.arrest = (
    await createThrough(
      kz.caller,
      arrestInput({
        title: "Director detained",
        tlp: "amber_strict",
        releaseAgencyIds: [kgAgency.id],
        releaseCountryCodes: [],
        persons: [
          { names: { latin: "Wang Jun", chinese: "王军" }, nationalityCode: "CN", birthYear: 1975, role: "organizer" },
          // Named nowhere else: known only from this arrest.
          { names: { latin: "Li Qiang" }, nationalityCode: "CN", birthYear: 1980, role: "driver" },
        ],
        phones: ["+7 701 555 1234"],
      }),
    )
  ).id;
  made.plateB = (await createThrough(kz.caller, seizureInput({ title: "Same truck again", tlp: "green", conveyanceIds: ["01KG777"] }))).id;
  made.plateA = made.seizure;
  // A RED seizure naming the company, read by its author alone.
  made.hidden = (
    await createThrough(kz.caller, seizureInput({ title: "Red one", tlp: "red", recipientIds: [kz.viewer.userId], consignee: "Tianshan Chemical Trading LLP" }))
  ).id;
});

describe("normalisation", () => {
  it("reads plates, containers, wagons, phones and names in every script as one key each", () => {
    expect(conveyanceOf("01 КG 777")).toEqual(conveyanceOf("01KG777"));
    expect(conveyanceOf("CSQU 305438-3")).toEqual({ kind: "container", key: "csqu3054383", checkDigitValid: true });
    expect(conveyanceOf("CSQU3054384").checkDigitValid).toBe(false);
    expect(conveyanceOf("5234 5674").kind).toBe("vehicle");
    expect(phoneKey("8 (701) 555-12-34", "KZ")).toBe("+77015551234");
    expect(phoneKey("+7 701 555 1234", null)).toBe("+77015551234");
    expect(nameKey("天山化工贸易有限公司", "company")).toBe(nameKey("Tianshan Chemical Trading LLP", "company"));
    expect(nameKey("王军", "person")).toBe(nameKey("Jun WANG", "person"));
    expect(nameKey("ТОО «Бакыт»", "company")).toBe("bakyt");
  });
});

describe("correlation", () => {
  it("a seizure's consignee, a Chinese company alert and the arrest of its director correlate", async () => {
    const alert = await kz.caller.entities.correlations({ id: made.alert });
    const company = alert.find((p) => p.kind === "company")!;
    expect(company.notices.map((n) => n.id).sort()).toEqual([made.seizure, made.hidden].sort());
    expect(company.notices.find((n) => n.id === made.seizure)).toMatchObject({ role: "consignee", confidence: 1 });
    const director = alert.find((p) => p.kind === "person")!;
    expect(director.notices.map((n) => n.id)).toEqual([made.arrest]);
    expect(director.notices[0]!.confidence).toBe(1);
    expect(alert.find((p) => p.kind === "phone")!.notices.map((n) => n.id)).toEqual([made.arrest]);
    expect(otherIds(await kz.caller.entities.correlations({ id: made.arrest }))).toEqual([made.alert]);
    // The RED seizure names the company too: its author reads it; nobody else is shown or counted it.
    expect(otherIds(await kz.caller.entities.correlations({ id: made.seizure }))).toEqual([made.alert, made.hidden, made.plateB].sort());
  });

  it("plates «01 КG 777» and 01KG777 are one vehicle", async () => {
    const parts = await tj.caller.entities.correlations({ id: made.plateB });
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ kind: "vehicle", values: ["01KG777"] });
    expect(parts[0]!.notices.map((n) => n.id)).toEqual([made.seizure]);
  });

  it("counts only what the reader may read, and refuses a notice they may not read as missing", async () => {
    const alert = await tj.caller.entities.correlations({ id: made.alert });
    expect(otherIds(alert)).toEqual([made.seizure]);
    expect(alert.find((p) => p.kind === "person")!.notices).toEqual([]);
    expect(otherIds(await tj.caller.entities.correlations({ id: made.seizure }))).toEqual([made.alert, made.plateB].sort());
    expect((await refusal(tj.caller.entities.correlations({ id: made.arrest }))).code).toBe("NOT_FOUND");
    expect((await refusal(tj.caller.entities.correlations({ id: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
  });

  it("an edit replaces what the notice names", async () => {
    const { notice } = await kz.caller.notices.get({ id: made.plateB });
    await kz.caller.notices.update({
      id: made.plateB,
      version: notice.version,
      notice: seizureInput({ title: "Same truck again", tlp: "green", conveyanceIds: ["02KG001"] }),
    });
    expect(otherIds(await tj.caller.entities.correlations({ id: made.plateB }))).toEqual([]);
    expect(otherIds(await tj.caller.entities.correlations({ id: made.seizure }))).toEqual([made.alert]);
  });
});

describe("entity pages", () => {
  it("show the readable notices naming the entity, where it was seen and what is named with it", async () => {
    const parts = await kz.caller.entities.correlations({ id: made.alert });
    const company = parts.find((p) => p.kind === "company")!;
    const page = await kz.caller.entities.get({ kind: "company", id: company.entityId });
    expect(page.timeline.map((s) => s.notice.id).sort()).toEqual([made.alert, made.hidden, made.seizure].sort());
    expect(page.places[0]).toMatchObject({ crossing: { id: "torugart" }, count: 3 });
    expect(page.related.map((r) => r.values[0])).toEqual(expect.arrayContaining(["Wang Jun", "01 КG 777"]));
    const seen = await tj.caller.entities.get({ kind: "company", id: company.entityId });
    expect(seen.timeline.map((s) => s.notice.id).sort()).toEqual([made.alert, made.seizure].sort());
  });

  it("answer an entity named only in notices the viewer cannot read exactly as a missing one", async () => {
    const driver = (await kz.caller.entities.correlations({ id: made.arrest })).find((p) => p.values.includes("Li Qiang"))!;
    expect((await kz.caller.entities.get({ kind: "person", id: driver.entityId })).entity.names).toEqual(["Li Qiang"]);
    const hidden = await refusal(tj.caller.entities.get({ kind: "person", id: driver.entityId }));
    const missing = await refusal(tj.caller.entities.get({ kind: "person", id: crypto.randomUUID() }));
    const wrongKind = await refusal(kz.caller.entities.get({ kind: "vehicle", id: driver.entityId }));
    expect(hidden).toEqual(missing);
    expect(wrongKind).toEqual(missing);
  });
});

describe("analysts' decisions", () => {
  it("confirm and split alike names, audited, only between entities they can read", async () => {
    const looser = (
      await createThrough(
        kz.caller,
        companyInput({ title: "Another spelling", tlp: "green", names: [{ script: "latin", name: "Tianshan Chemicals Trading" }] }),
      )
    ).id;
    const parts = await tj.caller.entities.correlations({ id: looser });
    const alike = parts[0]!.notices.find((n) => n.id === made.alert)!;
    expect(alike.confidence).toBeGreaterThan(0.5);
    expect(alike.confidence).toBeLessThan(1);
    const own = parts[0]!.entityId;
    const page = await tj.caller.entities.get({ kind: "company", id: own });
    const other = page.alike.find((a) => a.notices.some((n) => n.id === made.alert))!;
    await tj.caller.entities.decide({ id: own, otherId: other.entityId, decision: "different" });
    expect(otherIds(await tj.caller.entities.correlations({ id: looser }))).not.toContain(made.alert);
    await tj.caller.entities.decide({ id: own, otherId: other.entityId, decision: "same" });
    const confirmed = (await tj.caller.entities.correlations({ id: looser }))[0]!.notices.find((n) => n.id === made.alert)!;
    expect(confirmed.confidence).toBe(1);
    const entries = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, own)).orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual(["entity.split", "entity.confirm"]);
    const driver = (await kz.caller.entities.correlations({ id: made.arrest })).find((p) => p.values.includes("Li Qiang"))!;
    expect((await refusal(tj.caller.entities.decide({ id: own, otherId: driver.entityId, decision: "same" }))).code).toBe("NOT_FOUND");
  });
});

describe("backfill and redaction", () => {
  it("extracts the entities of notices written before extraction", async () => {
    await db.delete(entityMentions).where(eq(entityMentions.noticeId, made.alert));
    await db.insert(entityBackfill).values({ noticeId: made.alert });
    expect(await backfillEntities()).toBe(1);
    expect(otherIds(await kz.caller.entities.correlations({ id: made.alert }))).toContain(made.seizure);
    expect(await backfillEntities()).toBe(0);
  });

  it("a redacted owner leaves no entity spelling behind", async () => {
    await coordinator.caller.moderation.redact({ id: made.alert, field: "owner", index: 0, reason: "Personal data of a third party" });
    const [row] = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM entity_mentions WHERE notice_id = ${made.alert} AND value IN ('Wang Jun', '王军', '[redacted]')`,
    );
    expect(row!.n).toBe(0);
  });
});

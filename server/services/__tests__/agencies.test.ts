import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { agencies, auditLog, users } from "~/db/schema";
import { createAgency, createUser } from "~/db/seed/factories";
import { loadViewer } from "~/server/auth/sessions";
import { callerFor, fieldsOf } from "~/tests/callers";

const adminCaller = async () => (await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "admin" }))).caller;

const details = { kind: "police" as const, nameEn: "Renamed", nameRu: "Переименовано", nameZh: "", shortName: "RN" };

const newAgency = (overrides: Record<string, unknown> = {}) => ({
  id: "kz-financial-monitoring",
  countryCode: "KZ" as const,
  seatCountryCode: null,
  kind: "police" as const,
  nameEn: "Financial Monitoring Agency",
  nameRu: "Агентство по финансовому мониторингу",
  nameZh: "",
  shortName: "AFM",
  ...overrides,
});

describe("agency directory", () => {
  it("lists the active agencies by member country, international bodies last, and no Chinese agency until one is enabled", async () => {
    const { caller } = await callerFor(await createUser(db, { agencyId: "kg-customs", role: "analyst" }));
    const before = await caller.agencies.directory();
    expect(before.map((g) => g.country?.code ?? null)).toEqual(["KZ", "KG", "TJ", null]);
    const listed = before.flatMap((g) => g.agencies.map((a) => a.id));
    expect(listed).toContain("kz-sgd-customs");
    expect(listed).not.toContain("caricc");
    expect(listed.some((id) => id.startsWith("cn-"))).toBe(false);
    const kz = before[0]!;
    expect(kz.country?.name).toMatchObject({ en: "Kazakhstan", ru: "Казахстан" });
    const roca = before[3]!.agencies.find((a) => a.id === "unodc-roca");
    expect(roca).toMatchObject({ kind: "international", seat: { code: "UZ" } });
    expect(kz.agencies.every((a) => a.seat === null)).toBe(true);

    await (await adminCaller()).agencies.setActive({ id: "cn-gacc", active: true });
    const after = await caller.agencies.directory();
    expect(after.map((g) => g.country?.code ?? null)).toEqual(["KZ", "KG", "TJ", "CN", null]);
    expect(after[3]!.agencies).toEqual([expect.objectContaining({ id: "cn-gacc", name: expect.objectContaining({ zh: "海关总署" }) })]);
  });
});

describe("agency administration", () => {
  it("is refused to every role but admin, and nothing is written", async () => {
    const auditBefore = await db.$count(auditLog);
    const agenciesBefore = await db.select().from(agencies).orderBy(agencies.id);
    for (const role of ["analyst", "chief", "agency_admin", "coordinator"] as const) {
      const { caller } = await callerFor(await createUser(db, { agencyId: "unodc-roca", role }));
      await expect(caller.agencies.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.agencies.countries()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.agencies.create(newAgency({ id: `refused-${role.replace("_", "-")}` }))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.agencies.update({ id: "kz-knb", ...details })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.agencies.setActive({ id: "cn-nncc", active: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.agencies.setActive({ id: "kz-knb", active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.select().from(agencies).orderBy(agencies.id)).toEqual(agenciesBefore);
    expect(await db.$count(auditLog)).toBe(auditBefore);
  });

  it("lists every agency, inactive ones included, with its number of users", async () => {
    const agency = await createAgency(db);
    await createUser(db, { agencyId: agency.id, role: "analyst" });
    await createUser(db, { agencyId: agency.id, role: "chief", status: "disabled" });
    const list = await (await adminCaller()).agencies.list();
    expect(list.find((a) => a.id === "caricc")).toMatchObject({ active: false, countryCode: null, userCount: 0 });
    expect(list.find((a) => a.id === agency.id)).toMatchObject({ active: true, userCount: 2 });
  });

  it("creates a national agency and an international body, each audited", async () => {
    const caller = await adminCaller();
    await caller.agencies.create(newAgency());
    await caller.agencies.create(
      newAgency({
        id: "unodc-po-uz",
        countryCode: null,
        seatCountryCode: "UZ",
        kind: "international",
        nameEn: "UNODC Programme Office in Uzbekistan",
        nameRu: "Программный офис УНП ООН в Узбекистане",
        nameZh: "  ",
        shortName: "UNODC PO UZ",
      }),
    );
    const rows = await db
      .select()
      .from(agencies)
      .where(inArray(agencies.id, ["kz-financial-monitoring", "unodc-po-uz"]))
      .orderBy(agencies.id);
    expect(rows).toMatchObject([
      { id: "kz-financial-monitoring", countryCode: "KZ", seatCountryCode: "KZ", kind: "police", nameZh: null, active: true },
      { id: "unodc-po-uz", countryCode: null, seatCountryCode: "UZ", kind: "international", nameZh: null, active: true },
    ]);
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, "agency.create")).orderBy(auditLog.id);
    expect(entries.map((e) => [e.targetType, e.targetId])).toEqual([
      ["agency", "kz-financial-monitoring"],
      ["agency", "unodc-po-uz"],
    ]);
    expect(entries[0]!.details).toMatchObject({ nameRu: "Агентство по финансовому мониторингу", shortName: "AFM" });
  });

  it("refuses bad input field by field, writing nothing", async () => {
    const caller = await adminCaller();
    const auditBefore = await db.$count(auditLog);
    const agenciesBefore = await db.$count(agencies);
    expect(await fieldsOf(caller.agencies.create(newAgency({ id: "Bad_Slug" })))).toEqual({ id: { key: "agencyIdFormat" } });
    expect(await fieldsOf(caller.agencies.create(newAgency({ id: "kz--double" })))).toEqual({ id: { key: "agencyIdFormat" } });
    expect(await fieldsOf(caller.agencies.create(newAgency({ id: "kz" })))).toEqual({ id: { key: "tooShort", values: { min: 3 } } });
    expect(await fieldsOf(caller.agencies.create(newAgency({ id: "kz-sgd-customs" })))).toEqual({ id: { key: "agencyIdTaken" } });
    expect(await fieldsOf(caller.agencies.create(newAgency({ countryCode: null, seatCountryCode: "XX", kind: "international" })))).toEqual({
      seatCountryCode: { key: "unknownCountry" },
    });
    expect(await fieldsOf(caller.agencies.create(newAgency({ countryCode: null, kind: "international" })))).toEqual({
      seatCountryCode: { key: "required" },
    });
    expect(await fieldsOf(caller.agencies.create(newAgency({ countryCode: "UZ" })))).toEqual({ countryCode: { key: "invalidChoice" } });
    expect(await fieldsOf(caller.agencies.create(newAgency({ nameRu: "   " })))).toEqual({ nameRu: { key: "required" } });
    const { nameRu: _omitted, ...withoutRu } = newAgency();
    expect(await fieldsOf(caller.agencies.create(withoutRu as ReturnType<typeof newAgency>))).toEqual({ nameRu: { key: "required" } });
    expect(await db.$count(agencies)).toBe(agenciesBefore);
    expect(await db.$count(auditLog)).toBe(auditBefore);
  });
});

describe("agency edits and deactivation", () => {
  it("edits names, kind and short name, auditing what changed", async () => {
    const agency = await createAgency(db);
    const caller = await adminCaller();
    const result = await caller.agencies.update({
      id: agency.id,
      kind: "drug_control",
      nameEn: agency.nameEn,
      nameRu: "Новое название",
      nameZh: "新名称",
      shortName: agency.shortName,
    });
    expect(result.changed.sort()).toEqual(["kind", "nameRu", "nameZh"]);
    const [row] = await db.select().from(agencies).where(eq(agencies.id, agency.id));
    expect(row).toMatchObject({ kind: "drug_control", nameRu: "Новое название", nameZh: "新名称", countryCode: "KZ" });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "agency.update"));
    expect(entry).toMatchObject({ targetType: "agency", targetId: agency.id, details: { kind: { from: "customs", to: "drug_control" } } });
    await expect(caller.agencies.update({ id: "no-such-agency", ...details })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deactivating ends its users' sessions at their next request; activating is audited too", async () => {
    const agency = await createAgency(db);
    const member = await createUser(db, { agencyId: agency.id, role: "chief" });
    const bystander = await createUser(db, { agencyId: "kz-knb", role: "chief" });
    const { sessionId } = await callerFor(member);
    const other = await callerFor(bystander);
    const caller = await adminCaller();

    await caller.agencies.setActive({ id: agency.id, active: false });
    expect(await loadViewer(sessionId)).toBeNull();
    expect(await loadViewer(other.sessionId)).not.toBeNull();
    const [bumped] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, member.id));
    expect(bumped!.sessionVersion).toBe(member.sessionVersion + 1);
    // Nothing to do the second time, so nothing more is recorded.
    expect(await caller.agencies.setActive({ id: agency.id, active: false })).toMatchObject({ changed: false });

    await caller.agencies.setActive({ id: agency.id, active: true });
    // A session minted before the deactivation stays dead; signing in again works.
    expect(await loadViewer(sessionId)).toBeNull();
    const [current] = await db.select().from(users).where(eq(users.id, member.id));
    expect(await loadViewer((await callerFor(current!)).sessionId)).not.toBeNull();

    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, agency.id)).orderBy(auditLog.id);
    expect(entries.map((e) => [e.action, e.details])).toEqual([
      ["agency.deactivate", { active: false, usersSignedOut: 1 }],
      ["agency.activate", { active: true }],
    ]);
  });

  it("will not let an administrator deactivate their own agency, nor touch an unknown one", async () => {
    const caller = await adminCaller();
    await expect(caller.agencies.setActive({ id: "unodc-roca", active: false })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.agencies.setActive({ id: "no-such-agency", active: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [roca] = await db.select({ active: agencies.active }).from(agencies).where(eq(agencies.id, "unodc-roca"));
    expect(roca!.active).toBe(true);
  });
});

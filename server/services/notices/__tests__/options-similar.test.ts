import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createAgency, createUser } from "~/db/seed/factories";
import type { NoticeFormValues } from "~/schemas/notices";
import type { Role } from "~/server/auth/roles";
import { callerFor, refusal } from "~/tests/callers";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
type CompanyAlert = Extract<NoticeFormValues, { kind: "company_alert" }>;

async function userOf(agencyId: string, role: Role = "analyst", extra: { name?: string; email?: string; status?: "active" | "invited" | "disabled" } = {}) {
  return createUser(db, { agencyId, role, ...extra });
}

const callerOf = async (agencyId: string, role: Role = "analyst") => (await callerFor(await userOf(agencyId, role))).caller;

function alert(over: Partial<CompanyAlert> = {}): CompanyAlert {
  return {
    kind: "company_alert",
    title: "Front company shipping acetic anhydride",
    occurredOn: "2026-02-01",
    crossingId: "torugart",
    tlp: "green",
    sourceReliability: "B",
    infoCredibility: 2,
    handlingCode: "intelligence_only",
    names: [{ script: "latin", name: "Golden Caravan Trading LLC" }],
    registrationNumbers: ["KG-0451187"],
    owners: ["Bakytbek Osmonaliev"],
    grounds: ["misdeclaration"],
    recommendedAction: "Inspect every shipment from this company",
    expiresOn: "2027-02-01",
    ...over,
  };
}

async function publish(caller: Caller, notice: CompanyAlert) {
  const { id } = await caller.notices.create({ idempotencyKey: randomUUID(), notice });
  return id;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const none = { names: [], owners: [], registrationNumbers: [] };

describe("notices.formOptions", () => {
  it("lists the reference data the form needs, active agencies only, and the viewer's agency", async () => {
    const inactive = await createAgency(db, { active: false });
    const caller = await callerOf("kg-mvd-sbnon");
    const options = await caller.notices.formOptions();

    expect(options.ownAgencyId).toBe("kg-mvd-sbnon");
    expect(options.crossings).toHaveLength(14);
    expect(options.crossings.find((c) => c.id === "torugart")).toEqual({
      id: "torugart",
      names: { en: expect.any(String), ru: expect.any(String), zh: expect.anything() },
      countryCode: "KG",
    });
    expect(options.substances).toHaveLength(51);
    expect(options.substances.find((s) => s.id === "acetic-anhydride")).toMatchObject({ cas: "108-24-7", names: { en: "Acetic anhydride" } });

    const agencyIds = ids(options.agencies);
    expect(agencyIds).toContain("kz-sgd-customs");
    expect(agencyIds).not.toContain(inactive.id);
    // China's agencies, CARICC and INCB are seeded inactive.
    expect(agencyIds).not.toContain("cn-nncc");
    expect(agencyIds).not.toContain("incb");
    expect(options.agencies[0]).toEqual({ id: expect.any(String), names: expect.any(Object), shortName: expect.any(String), countryCode: expect.anything() });

    expect(options.memberCountries.map((c) => c.code).sort()).toEqual(["CN", "KG", "KZ", "TJ"]);
    expect(options.countries.length).toBeGreaterThan(200);
    expect(options.countries.find((c) => c.code === "AF")?.names).toEqual({ en: "Afghanistan", ru: expect.any(String), zh: expect.any(String) });

    expect(options.provisions).toHaveLength(8);
    expect(options.provisions.find((p) => p.id === "kz-cc1997-263-2")).toEqual({
      id: "kz-cc1997-263-2",
      countryCode: "KZ",
      article: "263(2)",
      title: expect.stringContaining("precursors"),
      inForce: false,
    });
  });
});

describe("notices.recipientOptions", () => {
  it("finds active users of active agencies by name or email, with their agency, never the viewer", async () => {
    const viewer = await userOf("kg-mvd-sbnon", "analyst", { name: "Nurlan Recipientov" });
    const { caller } = await callerFor(viewer);
    const chief = await userOf("kz-sgd-customs", "chief", { name: "Aida Recipientova" });
    const byEmail = await userOf("tj-customs", "chief", { email: "recipient.tj@customs.example.org", name: "Firuz Karimov" });
    await userOf("kz-sgd-customs", "analyst", { name: "Invited Recipientov", status: "invited" });
    await userOf("kz-sgd-customs", "analyst", { name: "Disabled Recipientov", status: "disabled" });
    const closed = await createAgency(db, { active: false });
    await userOf(closed.id, "analyst", { name: "Orphan Recipientov" });

    const found = await caller.notices.recipientOptions({ q: "recipientov" });
    expect(found).toEqual([{ id: chief.id, name: "Aida Recipientova", email: chief.email, agencyId: "kz-sgd-customs", agencyShortName: expect.any(String) }]);
    expect(ids(await caller.notices.recipientOptions({ q: "RECIPIENT.TJ@" }))).toEqual([byEmail.id]);
  });

  it("takes % and _ literally and returns at most 20 people", async () => {
    const { caller } = await callerFor(await userOf("kg-mvd-sbnon"));
    const percent = await userOf("kz-sgd-customs", "chief", { name: "Percent 100% Sure" });
    await userOf("kz-sgd-customs", "chief", { name: "Percent 1000 Sure" });
    expect(ids(await caller.notices.recipientOptions({ q: "100%" }))).toEqual([percent.id]);
    expect(await caller.notices.recipientOptions({ q: "Percent_1" })).toEqual([]);

    for (let i = 0; i < 25; i += 1) await userOf("kz-sgd-customs", "analyst", { name: `Manyfold ${String(i).padStart(2, "0")}` });
    const many = await caller.notices.recipientOptions({ q: "manyfold" });
    expect(many).toHaveLength(20);
    expect(many[0]!.name).toBe("Manyfold 00");
  });
});

describe("notices.similarCompanies", () => {
  it("finds a visible alert by a misspelt name, by an owner and by its exact registration number", async () => {
    const author = await callerOf("kg-mvd-sbnon");
    const id = await publish(author, alert());
    await publish(author, alert({ names: [{ script: "latin", name: "Blue Lotus Chemicals" }], owners: ["Zhang Wei"], registrationNumbers: ["91650100MA77"] }));
    const reader = await callerOf("kz-sgd-customs");

    const byName = await reader.notices.similarCompanies({ ...none, names: ["Goldan Caravan Tradin"] });
    expect(ids(byName)).toEqual([id]);
    expect(byName[0]).toMatchObject({
      title: "Front company shipping acetic anhydride",
      tlp: "green",
      status: "published",
      names: [{ script: "latin", name: "Golden Caravan Trading LLC" }],
      owners: ["Bakytbek Osmonaliev"],
      registrationNumbers: ["KG-0451187"],
    });
    expect(byName[0]!.similarity).toBeGreaterThan(0.5);
    expect(byName[0]!.similarity).toBeLessThan(1);

    expect(ids(await reader.notices.similarCompanies({ ...none, owners: ["Osmonaliev Bakytbek"] }))).toEqual([id]);
    const byNumber = await reader.notices.similarCompanies({ ...none, registrationNumbers: ["KG-0451187"] });
    expect(ids(byNumber)).toEqual([id]);
    expect(byNumber[0]!.similarity).toBe(1);
    expect(await reader.notices.similarCompanies({ ...none, names: ["Entirely Unrelated Holdings"] })).toEqual([]);
  });

  it("matches names in Cyrillic and Chinese", async () => {
    const author = await callerOf("kg-mvd-sbnon");
    const id = await publish(
      author,
      alert({
        names: [
          { script: "cyrillic", name: "ОсОО Жибек Жолу Транзит" },
          { script: "chinese", name: "丝路过境贸易有限公司" },
        ],
        owners: ["Асанов Бакыт"],
        registrationNumbers: [],
      }),
    );
    const reader = await callerOf("kz-sgd-customs");
    expect(ids(await reader.notices.similarCompanies({ ...none, names: ["Жибек Жолу Транзид"] }))).toEqual([id]);
    expect(ids(await reader.notices.similarCompanies({ ...none, owners: ["Асанов Бакит"] }))).toEqual([id]);
    expect(ids(await reader.notices.similarCompanies({ ...none, names: ["丝路过境贸易"] }))).toEqual([id]);
  });

  it("ranks the closest alert first and ignores empty input", async () => {
    const author = await callerOf("kg-mvd-sbnon");
    const close = await publish(author, alert({ names: [{ script: "latin", name: "Silk Road Logistics" }], registrationNumbers: [], owners: [] }));
    const closer = await publish(author, alert({ names: [{ script: "latin", name: "Silk Road Logistic Group" }], registrationNumbers: [], owners: [] }));
    const reader = await callerOf("kg-customs");
    expect(ids(await reader.notices.similarCompanies({ ...none, names: ["Silk Road Logistic Group"] }))).toEqual([closer, close]);
    expect(await reader.notices.similarCompanies({ names: ["  ", "x"], owners: [""], registrationNumbers: [] })).toEqual([]);
  });
});

describe("notices.similarCompanies and what the viewer may read", () => {
  it("never returns an alert the viewer may not read: AMBER+STRICT released to one agency", async () => {
    const author = await callerOf("kg-mvd-sbnon");
    const strict = await publish(
      author,
      alert({
        tlp: "amber_strict",
        releaseAgencyIds: ["kz-sgd-customs"],
        names: [{ script: "latin", name: "Shadow Meridian Freight" }],
        owners: ["Timur Secretov"],
        registrationNumbers: ["KZ-990011"],
      }),
    );
    const query = { names: ["Shadow Meridian Freight"], owners: ["Timur Secretov"], registrationNumbers: ["KZ-990011"] };

    const listed = await callerOf("kz-sgd-customs");
    expect(ids(await listed.notices.similarCompanies(query))).toEqual([strict]);
    expect(ids(await author.notices.similarCompanies(query))).toEqual([strict]);

    // A Kazakh agency that is not listed (AMBER+STRICT reaches the agencies named, not their
    // country) and an agency of another country.
    expect(await (await callerOf("kz-border-service")).notices.similarCompanies(query)).toEqual([]);
    expect(await (await callerOf("tj-customs")).notices.similarCompanies(query)).toEqual([]);
  });

  it("leaves out other people's drafts and RED alerts not addressed to the viewer, and retracted alerts", async () => {
    const author = await callerOf("kg-mvd-sbnon");
    const recipient = await userOf("tj-customs", "analyst");
    const named = { names: [{ script: "latin" as const, name: "Crimson Dune Import" }], owners: [], registrationNumbers: [] };
    await author.notices.create({ idempotencyKey: randomUUID(), asDraft: true, notice: alert(named) });
    const red = await publish(author, alert({ ...named, tlp: "red", recipientIds: [recipient.id] }));
    const retracted = await publish(author, alert(named));
    await author.notices.retract({ id: retracted, reason: "Entered twice" });
    const query = { ...none, names: ["Crimson Dune Import"] };

    // A colleague of the author's own agency: drafts are the author's, RED is the recipients'.
    expect(await (await callerOf("kg-mvd-sbnon")).notices.similarCompanies(query)).toEqual([]);
    expect(await (await callerOf("unodc-roca", "coordinator")).notices.similarCompanies(query)).toEqual([]);
    expect(ids(await (await callerFor(recipient)).caller.notices.similarCompanies(query))).toEqual([red]);
  });
});

describe("the form procedures need notice.create", () => {
  it.each(["chief", "agency_admin", "admin"] as const)("refuses a %s with FORBIDDEN", async (role) => {
    const caller = await callerOf(role === "admin" ? "unodc-roca" : "kz-sgd-customs", role);
    expect((await refusal(caller.notices.formOptions())).code).toBe("FORBIDDEN");
    expect((await refusal(caller.notices.recipientOptions({ q: "anyone" }))).code).toBe("FORBIDDEN");
    expect((await refusal(caller.notices.similarCompanies(none))).code).toBe("FORBIDDEN");
  });

  it("serves a coordinator", async () => {
    const caller = await callerOf("unodc-roca", "coordinator");
    await expect(caller.notices.formOptions()).resolves.toMatchObject({ ownAgencyId: "unodc-roca" });
  });
});

import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { callerFor, refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

let reader: Caller;
let readerId: string;
let other: Caller;
let colleague: Caller;
let recipientId: string;

beforeAll(async () => {
  const kgAnalyst = await createUser(db, { agencyId: "kg-customs", role: "analyst", password: null });
  readerId = kgAnalyst.id;
  reader = (await callerFor(kgAnalyst)).caller;
  other = (await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst", password: null }))).caller;
  recipientId = (await createUser(db, { agencyId: "kz-sgd-customs", role: "chief", password: null })).id;
  colleague = (await callerFor(await createUser(db, { agencyId: "kg-customs", role: "analyst", password: null }))).caller;
  // What the reader may read: a CLEAR seizure at Torugart (2 t), an AMBER one released to their
  // agency (500 kg, another concealment), a GREEN company alert; all in March 2026.
  await createThrough(other, seizureInput({ concealment: "False floor", declaredAs: "Vinegar essence" }));
  await createThrough(
    other,
    seizureInput({
      tlp: "amber",
      releaseAgencyIds: ["kg-customs"],
      occurredOn: "2026-01-20",
      items: [{ substanceId: "potassium-permanganate", quantity: 500, unit: "kg" }],
      concealment: "Drums labelled as paint",
    }),
  );
  await createThrough(other, companyInput({ tlp: "green", names: [{ script: "latin", name: "Kashgar Chemical Trading" }] }));
});

const everything = async () => ({
  map: await reader.picture.crossingCounts({}),
  march: await reader.picture.crossingCounts({ from: "2026-03-01", to: "2026-03-31" }),
  trends: await reader.picture.trends({ filters: {} }),
  torugart: await reader.picture.trends({ filters: { crossingId: "torugart", from: "2026-01-01", to: "2026-03-31" } }),
  anhydride: await reader.picture.trends({ filters: { substanceId: "acetic-anhydride" } }),
  kyrgyzstan: await reader.picture.trends({ filters: { countryCode: "KG" } }),
});

describe("the regional picture", () => {
  it("counts, per month, kind mix and tops are those of the notices the reader may read", async () => {
    const torugart = (await reader.picture.crossingCounts({})).find((c) => c.id === "torugart")!;
    expect(torugart).toMatchObject({ notices: 3, status: "open", name: { en: "Torugart" } });
    expect(torugart.latitude).toBeTypeOf("number");

    const t = await reader.picture.trends({ filters: { crossingId: "torugart", from: "2026-01-01", to: "2026-03-31" } });
    expect(t.months).toEqual([
      { month: "2026-01", notices: 1, kg: 500 },
      { month: "2026-02", notices: 0, kg: 0 },
      { month: "2026-03", notices: 2, kg: 2000 },
    ]);
    expect(t.total).toEqual({ notices: 3, kg: 2500 });
    expect(t.kinds).toEqual([
      { kind: "seizure", notices: 2 },
      { kind: "company_alert", notices: 1 },
    ]);
    expect(t.concealment.map((c) => c.label).sort()).toEqual(["Drums labelled as paint", "False floor"]);
    expect(t.declaredAs).toEqual([{ label: "Vinegar essence", notices: 1 }]);
    expect(t.companies).toEqual([{ label: "Kashgar Chemical Trading", notices: 1 }]);
    expect(t.tlp).toBe("amber");

    // A substance counts its own items' mass only.
    expect((await reader.picture.trends({ filters: { substanceId: "potassium-permanganate" } })).total).toEqual({ notices: 1, kg: 500 });
  });

  it("a notice the reader may not read changes no number; one they may read does", async () => {
    const before = await everything();
    // AMBER+STRICT to another agency, RED to someone else, a draft, one waiting for release, a
    // retracted one: all at Torugart, in March, acetic anhydride, in Kyrgyzstan.
    const hidden = seizureInput({
      concealment: "Hidden compartment",
      declaredAs: "Corn oil",
      items: [{ substanceId: "acetic-anhydride", quantity: 9, unit: "t" }],
    });
    await createThrough(other, { ...hidden, tlp: "amber_strict", releaseAgencyIds: ["kz-border-service"] });
    await createThrough(other, { ...hidden, tlp: "red", recipientIds: [recipientId] });
    await createThrough(other, hidden, { asDraft: true });
    const retracted = await createThrough(other, hidden);
    await other.notices.retract({ id: retracted.id, reason: "Entered twice" });
    expect(await everything()).toEqual(before);

    // The reader's colleague's draft is theirs alone; published, it counts.
    await createThrough(colleague, { ...hidden, tlp: "amber", releaseCountryCodes: ["KG"] });
    const after = await everything();
    expect(after.trends.total.notices).toBe(before.trends.total.notices + 1);
    expect(after.anhydride.total.kg).toBe(before.anhydride.total.kg + 9000);
    expect(after.map.find((c) => c.id === "torugart")!.notices).toBe(before.map.find((c) => c.id === "torugart")!.notices + 1);
  });

  it("the CSV carries the marking of its most restrictive notice and is audited as an export, by its selection", async () => {
    const filters = { crossingId: "torugart", from: "2026-01-01", to: "2026-03-31" };
    const { csv, tlp } = await reader.picture.trendsCsv({ filters });
    expect(tlp).toBe("amber");
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines.slice(0, 3)).toEqual(["TLP:AMBER", "series,key,notices,seized_kg", "total,all,4,11500"]);
    expect(lines).toContain("month,2026-02,0,0");
    expect(lines).toContain("declared_as,Corn oil,1,");
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, readerId), eq(auditLog.action, "notice.export")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry!.details).toEqual({ format: "trends_csv", scope: "trends", ...filters });
  });

  it("refuses a period that ends before it starts, and values the filters cannot hold", async () => {
    expect((await refusal(reader.picture.trends({ filters: { from: "2026-03-01", to: "2026-01-01" } }))).fields).toEqual({
      "filters.to": { key: "periodOrder" },
    });
    expect((await refusal(reader.picture.crossingCounts({ from: "2026-03-01", to: "2026-01-01" }))).code).toBe("BAD_REQUEST");
    expect((await refusal(reader.picture.trends({ filters: { crossingId: "tor\u0000ugart" } }))).code).toBe("BAD_REQUEST");
    expect((await refusal(reader.picture.trends({ filters: { from: "1800-01-01" } }))).code).toBe("BAD_REQUEST");
  });
});

import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { createUser } from "~/db/seed/factories";
import type { DeclarationLine, ScreeningResult } from "~/schemas/screening";
import type { Role } from "~/server/auth/roles";
import { callerFor, refusal } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];

const callerOf = async (agencyId: string, role: Role) => (await callerFor(await createUser(db, { agencyId, role }))).caller;
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

/** Each flagged line number with the rules that flagged it. */
const rulesOf = (result: ScreeningResult) => Object.fromEntries(result.flagged.map((l) => [l.line, l.flags.map((f) => f.rule).sort()]));

/** A GREEN seizure and a GREEN company alert by a Kyrgyz analyst, and a Tajik chief who screens. */
async function screeningWorld() {
  const author = await callerOf("kg-mvd-sbnon", "analyst");
  // A chief of Tajik customs: reads GREEN notices, and none of the AMBER ones below.
  const screener = await callerOf("tj-customs", "chief");
  const { id: seizureId } = await createThrough(
    author,
    seizureInput({ tlp: "green", title: "Acetic anhydride declared as vinegar essence", declaredAs: "vinegar essence", conveyanceIds: ["01KG 482 ABT"] }),
  );
  const { id: alertId } = await createThrough(
    author,
    companyInput({
      tlp: "green",
      title: "Eurasia Chem Logistics ships without pre-export notification",
      names: [
        { script: "latin", name: "Eurasia Chem Logistics LLP" },
        { script: "cyrillic", name: "ТОО «Евразия Хим Логистикс»" },
      ],
      registrationNumbers: ["150640021987"],
      recommendedAction: "Inspect every shipment from this company.",
      expiresOn: inAYear,
    }),
  );
  return { author, screener, seizureId, alertId };
}

describe("screening.screen: what it flags", () => {
  let author: Caller;
  let screener: Caller;
  let seizureId: string;
  let alertId: string;

  beforeAll(async () => {
    ({ author, screener, seizureId, alertId } = await screeningWorld());
  });

  it("flags a precursor named in Chinese or in a Russian case form, its HS subheading, a known misdeclaration, a plate and a company one letter off; not a clean line", async () => {
    const lines: DeclarationLine[] = [
      { hsCode: "2915.90", description: "醋酸酐 工业级 200公斤桶装", consignor: "Urumqi Xinda Chemical Co., Ltd." },
      { description: "Партия уксусного ангидрида в бочках", consignee: "ТОО «Алтын Дала»" },
      { hsCode: "2209.00", description: "Vinegar essence 70%, food grade" },
      { description: "Cotton T-shirts", consignee: "Eurasia Chem Logistix LLP" },
      {
        hsCode: "6109.10",
        description: "Cotton T-shirts, men's",
        consignor: "Kashgar Textile Co., Ltd.",
        consignee: "Dushanbe Fashion LLC",
        vehicle: "512 ABC 02",
        route: "Kashgar – Karasu – Murghob",
      },
      { hsCode: "2915.24.0000", description: "Chemical for cellulose acetate" },
      { description: "Tomato paste", vehicle: "01 КG 482 АВТ" },
      { description: "Sugar", consignee: "Almaty Foods, БИН 150640021987" },
    ];
    const result = await screener.screening.screen({ lines });
    expect(result.lineCount).toBe(8);
    expect(rulesOf(result)).toEqual({
      1: ["substanceName"],
      2: ["substanceName"],
      3: ["declaredAs"],
      4: ["companyName"],
      6: ["hsCode"],
      7: ["vehicle"],
      8: ["registrationNumber"],
    });
    const flag = (line: number) => result.flagged.find((l) => l.line === line)!.flags[0]!;
    expect(flag(1)).toMatchObject({ field: "description", matched: "醋酸酐", substances: [{ id: "acetic-anhydride" }] });
    expect(flag(2)).toMatchObject({ matched: "уксусного ангидрида", substances: [{ id: "acetic-anhydride" }] });
    expect(flag(3)).toMatchObject({ known: "vinegar essence", notice: { id: seizureId, tlp: "green", kind: "seizure" } });
    expect(flag(4)).toMatchObject({
      field: "consignee",
      known: "Eurasia Chem Logistics LLP",
      notice: { id: alertId, tlp: "green" },
      recommendedAction: "Inspect every shipment from this company.",
    });
    expect(flag(6)).toMatchObject({ substances: [{ id: "acetic-anhydride" }] });
    expect(flag(7)).toMatchObject({ field: "vehicle", matched: "01KG482ABT", notice: { id: seizureId } });
    expect(flag(8)).toMatchObject({ field: "consignee", notice: { id: alertId }, recommendedAction: "Inspect every shipment from this company." });
  });

  it("never matches a notice the screener may not read: a hidden one with the same plate, declared-as text or company changes nothing", async () => {
    const lines: DeclarationLine[] = [
      { description: "Corn oil, refined", vehicle: "777 HID 01" },
      { description: "Glass bottles", consignee: "Phantom Reagent Trading LLP" },
      { description: "Detergent", consignor: "Rapid, рег. № 555000111222" },
    ];
    const before = await screener.screening.screen({ lines });
    expect(before.flagged).toEqual([]);

    const hidden = { tlp: "amber" as const, releaseAgencyIds: ["kz-sgd-customs"] };
    await createThrough(author, seizureInput({ ...hidden, declaredAs: "corn oil", conveyanceIds: ["777HID01"] }));
    await createThrough(author, companyInput({ ...hidden, names: [{ script: "latin", name: "Phantom Reagent Trading LLP" }], expiresOn: inAYear }));
    await createThrough(
      author,
      companyInput({ ...hidden, names: [{ script: "latin", name: "Northern Star Reagents" }], registrationNumbers: ["555000111222"], expiresOn: inAYear }),
    );
    // A RED notice for someone else and a draft: hidden too.
    const recipient = await createUser(db, { agencyId: "kz-sgd-customs", role: "chief" });
    await createThrough(author, seizureInput({ tlp: "red", recipientIds: [recipient.id], declaredAs: "corn oil", conveyanceIds: ["777HID01"] }));
    await createThrough(author, seizureInput({ declaredAs: "corn oil", conveyanceIds: ["777HID01"] }), { asDraft: true });

    expect(await screener.screening.screen({ lines })).toEqual(before);
    // The same lines, screened by an agency the notices are released to, are flagged by each of them.
    const released = await callerOf("kz-sgd-customs", "analyst");
    expect(rulesOf(await released.screening.screen({ lines }))).toEqual({
      1: ["declaredAs", "vehicle"],
      2: ["companyName"],
      3: ["registrationNumber"],
    });
  });
});

describe("screening.screen: its audit and its refusals", () => {
  it("records that a screening of so many lines took place, and nothing of what was screened", async () => {
    const marker = "Zebrawood veneer 4417";
    const { caller, viewer } = await callerFor(await createUser(db, { agencyId: "kz-sgd-customs", role: "chief" }));
    await caller.screening.screen({ lines: [{ description: marker }, { description: "醋酸酐" }] });
    const rows = await db.execute<{ details: Record<string, unknown> }>(
      sql`SELECT details FROM audit_log WHERE action = 'declaration.screen' AND actor_user_id = ${viewer.userId}`,
    );
    expect(rows.map((r) => r.details)).toEqual([{ lines: 2, flagged: 1 }]);
    const [trace] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE ${"%Zebrawood%"}`);
    expect(trace!.n).toBe(0);
  });

  it("is refused to roles that do not inspect, and refuses NUL characters and too many lines", async () => {
    const admin = await callerOf("kz-sgd-customs", "agency_admin");
    const inspector = await callerOf("tj-customs", "chief");
    expect((await refusal(admin.screening.screen({ lines: [{ description: "x" }] }))).code).toBe("FORBIDDEN");
    expect((await refusal(inspector.screening.screen({ lines: [{ description: "a\u0000b" }] }))).code).toBe("BAD_REQUEST");
    const many = Array.from({ length: 2001 }, () => ({ description: "x" }));
    expect((await refusal(inspector.screening.screen({ lines: many }))).code).toBe("BAD_REQUEST");
  });
});

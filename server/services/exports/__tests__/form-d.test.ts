import { desc, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog, users } from "~/db/schema";
import figure from "~/db/seed/data/seizures-1996-2005.json" with { type: "json" };
import { seedDemo } from "~/db/seed/demo";
import { COORDINATOR } from "~/db/seed/notices";
import { callerFor, refusal } from "~/tests/callers";
import { formDWorkbook, type FormDLabels } from "../form-d-xlsx";

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
let coordinator: Caller;

async function demoCaller(email: string) {
  const [user] = await db
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  return (await callerFor(user!)).caller;
}

beforeAll(async () => {
  await seedDemo(db);
  coordinator = await demoCaller(COORDINATOR);
});

const report = (caller: Caller, countryCode: string, year: number) => caller.exports.formD({ countryCode, year, as: "page" });

describe("INCB Form D (seizures)", () => {
  it("gives the report's figure for Turkmenistan 2000: acetic anhydride, 2 seizures, 82.76 t from Singapore and the Republic of Korea", async () => {
    const d = await report(coordinator, "TM", 2000);
    const lines = [...d.tableI, ...d.tableII];
    expect(lines.map((l) => [l.substanceId, l.seizures, l.kg, l.litres])).toEqual([["acetic-anhydride", 2, 82_760, null]]);
    expect(lines[0]!.origins.toSorted()).toEqual(["KR", "SG"]);
    expect(d.countryNames.SG?.en).toBe("Singapore");
    expect(d.seizures).toBe(2);
    expect(d.tlp).toBe("clear");
  });

  it("totals every country and year of the seeded 1996–2005 figure as the figure's own rows do", async () => {
    type Total = { seizures: number; kg: number | null; litres: number | null; other: number };
    const expected = new Map<string, Total>();
    for (const row of figure.seizures) {
      const key = `${row.seized_in}:${row.year.slice(0, 4)}`;
      const total = expected.get(key) ?? { seizures: 0, kg: null, litres: null, other: 0 };
      if (!row.substance) total.other += 1;
      else {
        total.seizures += 1;
        if (row.unit === "t") total.kg = Math.round(((total.kg ?? 0) + row.quantity * 1000) * 1000) / 1000;
        else total.litres = (total.litres ?? 0) + row.quantity;
      }
      expected.set(key, total);
    }
    for (const [key, total] of expected) {
      const [country, year] = key.split(":");
      const d = await report(coordinator, country!, Number(year));
      const line = [...d.tableI, ...d.tableII].find((l) => l.substanceId === "acetic-anhydride");
      const actual = { seizures: line?.seizures ?? 0, kg: line?.kg ?? null, litres: line?.litres ?? null, other: d.nonScheduled.length };
      expect([key, actual]).toEqual([key, total]);
    }
  });

  it("lists seizures of unidentified precursors apart", async () => {
    const d = await report(coordinator, "AF", 2004);
    expect(d.nonScheduled.map((i) => [i.quantity, i.unit])).toEqual([[30, "t"]]);
    expect(d.tableI.concat(d.tableII).map((l) => [l.substanceId, l.litres])).toEqual([["acetic-anhydride", 375]]);
  });

  it("has the demo's 2026 seizures in Kyrgyzstan", async () => {
    const d = await report(coordinator, "KG", 2026);
    expect(d.seizures).toBeGreaterThan(0);
  });

  it("refuses a year out of range or an unknown country before any SQL", async () => {
    expect(await refusal(report(coordinator, "XX", 2000))).toMatchObject({ code: "BAD_REQUEST", fields: { countryCode: expect.anything() } });
    expect(await refusal(report(coordinator, "kg", 2000))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await refusal(report(coordinator, "KG", 1800))).toMatchObject({ code: "BAD_REQUEST", fields: { year: expect.anything() } });
    expect(await refusal(report(coordinator, "KG", 2000.5))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is audited with the notices' ids and count", async () => {
    const d = await coordinator.exports.formD({ countryCode: "TM", year: 2000, as: "xlsx" });
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "notice.export")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.details).toMatchObject({ format: "form_d_xlsx", countryCode: "TM", year: 2000, count: 2 });
    expect((entry?.details as { noticeIds: string[] }).noticeIds.toSorted()).toEqual(d.tableI.concat(d.tableII)[0]!.noticeIds.toSorted());
  });

  it("writes an XLSX workbook with the same figures", async () => {
    const d = await report(coordinator, "TM", 2000);
    const labels = new Proxy({}, { get: (_t, key) => String(key) }) as FormDLabels;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await formDWorkbook(d, labels, "en")) as never);
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual(["TLP:CLEAR"]);
    const line = rows.find((row) => row[0] === "Acetic anhydride");
    expect(line?.slice(0, 3)).toEqual(["Acetic anhydride", 2, 82760]);
  });
});

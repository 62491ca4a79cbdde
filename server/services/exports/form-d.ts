import { and, asc, between, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/index";
import { countries, notices, seizureDetails, seizureItems, substances } from "~/db/schema";
import type { FormDInput } from "~/schemas/exports";
import type { QuantityUnit, Tlp } from "~/schemas/notice-enums";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { visibleTo } from "~/server/services/visibility";
import { mostRestrictive } from "./markings";

type Names = { en: string; ru: string; zh: string | null };

/** One substance's line of Form D (seizures). */
export type FormDLine = {
  substanceId: string;
  names: Names;
  table: "I" | "II";
  seizures: number;
  kg: number | null;
  litres: number | null;
  /** Quantities reported in neither mass nor volume (pieces, packages). */
  units: number | null;
  origins: string[];
  transits: string[];
  methods: string[];
  noticeIds: string[];
};

export type FormDOtherItem = { noticeId: string; occurredOn: string; description: string | null; quantity: number; unit: QuantityUnit };

export type FormD = {
  countryCode: string;
  year: number;
  tableI: FormDLine[];
  tableII: FormDLine[];
  /** Seized items of no scheduled substance (not identified, or not in Tables I and II): listed apart. */
  nonScheduled: FormDOtherItem[];
  seizures: number;
  tlp: Tlp;
  countryNames: Record<string, Names>;
};

// Form D asks for quantities "as reported": mass in kg, volume in litres, without converting one
// into the other (densities differ by grade). A barrel is the petroleum barrel, 158.987 litres.
const TO_KG: Partial<Record<QuantityUnit, number>> = { g: 0.001, kg: 1, t: 1000 };
const TO_LITRES: Partial<Record<QuantityUnit, number>> = { mL: 0.001, L: 1, barrel: 158.987294928 };

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const add = (total: number | null, value: number) => round3((total ?? 0) + value);

type ItemRow = Awaited<ReturnType<typeof seizureRows>>[number];

/**
 * The published seizure notices the viewer may read whose place of seizure is in the country and
 * that happened in the year, one row per seized item. Retracted notices are left out: a retraction
 * says the seizure is not to be relied on.
 */
function seizureRows(tx: DbOrTx, viewer: Viewer, input: FormDInput) {
  return tx
    .select({
      noticeId: notices.id,
      tlp: notices.tlp,
      occurredOn: notices.occurredOn,
      substanceId: substances.id,
      names: { en: substances.nameEn, ru: substances.nameRu, zh: substances.nameZh },
      table: substances.conventionTable,
      description: seizureItems.description,
      quantity: seizureItems.quantity,
      unit: seizureItems.unit,
      origins: seizureDetails.originCountries,
      transits: seizureDetails.transitCountries,
      concealment: seizureDetails.concealment,
      declaredAs: seizureDetails.declaredAs,
      conveyance: seizureDetails.conveyance,
    })
    .from(notices)
    .innerJoin(seizureItems, eq(seizureItems.noticeId, notices.id))
    .leftJoin(substances, eq(substances.id, seizureItems.substanceId))
    .leftJoin(seizureDetails, eq(seizureDetails.noticeId, notices.id))
    .where(
      and(
        eq(notices.kind, "seizure"),
        eq(notices.status, "published"),
        eq(notices.countryCode, input.countryCode),
        between(notices.occurredOn, `${input.year}-01-01`, `${input.year}-12-31`),
        visibleTo(viewer),
      ),
    )
    .orderBy(asc(notices.occurredOn), asc(notices.id), asc(seizureItems.position));
}

function methodsOf(row: ItemRow): string[] {
  return [
    row.concealment,
    row.declaredAs ? `declared as ${row.declaredAs}` : null,
    row.conveyance ? `conveyance: ${row.conveyance.replaceAll("_", " ")}` : null,
  ].filter((method): method is string => Boolean(method));
}

/** Adds one seized item to its substance's line. */
function addItem(line: FormDLine, row: ItemRow) {
  if (!line.noticeIds.includes(row.noticeId)) {
    line.noticeIds.push(row.noticeId);
    line.seizures += 1;
  }
  const kg = TO_KG[row.unit];
  const litres = TO_LITRES[row.unit];
  if (kg !== undefined) line.kg = add(line.kg, row.quantity * kg);
  else if (litres !== undefined) line.litres = add(line.litres, row.quantity * litres);
  else line.units = add(line.units, row.quantity);
  const merge = (into: string[], values: string[] | null) => values?.forEach((value) => into.includes(value) || into.push(value));
  merge(line.origins, row.origins);
  merge(line.transits, row.transits);
  merge(line.methods, methodsOf(row));
}

/** Form D's seizure tables from item rows (exported for the property test's model). */
export function formDFrom(input: FormDInput, rows: ItemRow[]): Omit<FormD, "countryNames"> {
  const lines = new Map<string, FormDLine>();
  const nonScheduled: FormDOtherItem[] = [];
  for (const row of rows) {
    if (!row.substanceId || !row.names || !row.table) {
      nonScheduled.push({ noticeId: row.noticeId, occurredOn: row.occurredOn, description: row.description, quantity: row.quantity, unit: row.unit });
      continue;
    }
    let line = lines.get(row.substanceId);
    if (!line) {
      line = {
        substanceId: row.substanceId,
        names: row.names,
        table: row.table,
        seizures: 0,
        kg: null,
        litres: null,
        units: null,
        origins: [],
        transits: [],
        methods: [],
        noticeIds: [],
      };
      lines.set(row.substanceId, line);
    }
    addItem(line, row);
  }
  const sorted = [...lines.values()].sort((a, b) => a.names.en.localeCompare(b.names.en));
  return {
    countryCode: input.countryCode,
    year: input.year,
    tableI: sorted.filter((line) => line.table === "I"),
    tableII: sorted.filter((line) => line.table === "II"),
    nonScheduled,
    seizures: new Set(rows.map((row) => row.noticeId)).size,
    tlp: mostRestrictive(rows.map((row) => row.tlp)),
  };
}

/**
 * INCB Form D (part on seizures) for a reporting country and a calendar year, from the seizure
 * notices the viewer may read. `as` says where it goes (the printable page, the XLSX download):
 * both are exports, audited with the notices' ids and the count.
 */
export async function formD({ viewer, input }: { viewer: Viewer; input: FormDInput & { as: "page" | "xlsx" } }): Promise<FormD> {
  return db.transaction(
    async (tx) => {
      const rows = await seizureRows(tx, viewer, input);
      const report = formDFrom(input, rows);
      const codes = [...new Set([input.countryCode, ...[...report.tableI, ...report.tableII].flatMap((line) => [...line.origins, ...line.transits])])];
      const names = await tx
        .select({ code: countries.code, en: countries.nameEn, ru: countries.nameRu, zh: countries.nameZh })
        .from(countries)
        .where(inArray(countries.code, codes));
      const noticeIds = [...new Set(rows.map((row) => row.noticeId))];
      await audit(tx, {
        action: "notice.export",
        actor: viewer,
        details: {
          format: input.as === "xlsx" ? "form_d_xlsx" : "form_d",
          countryCode: input.countryCode,
          year: input.year,
          count: noticeIds.length,
          noticeIds,
        },
      });
      return { ...report, countryNames: Object.fromEntries(names.map(({ code, ...n }) => [code, n])) };
    },
    { isolationLevel: "repeatable read" },
  );
}

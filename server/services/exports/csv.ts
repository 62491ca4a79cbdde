import { stringify } from "csv-stringify/sync";
import type { ExportSelection } from "~/schemas/exports";
import type { Tlp } from "~/schemas/notice-enums";
import type { Viewer } from "~/server/auth/sessions";
import type { NoticeSnapshot } from "~/server/services/notices/snapshot";
import { mayNamePersons, mostRestrictive, tlpLabel } from "./markings";
import { loadExportSet, type ExportSet } from "./select";

/**
 * The CSV columns, in order. Names are fixed English identifiers, not translated: the file is read
 * by spreadsheets and other systems, which match columns by name (README, "Exports").
 */
export const CSV_COLUMNS = [
  "tlp",
  "notice_id",
  "kind",
  "row",
  "title",
  "occurred_on",
  "country_code",
  "country",
  "crossing",
  "place",
  "agency",
  "status",
  "substance_id",
  "substance",
  "description",
  "quantity",
  "unit",
  "mass_kg",
  "concealment",
  "conveyance",
  "origin",
  "transit",
  "destination",
  "company_name",
  "company_names",
  "registration_numbers",
  "person_name",
  "person_role",
  "nationality",
  "birth_year",
  "person_count",
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

function base(n: NoticeSnapshot, set: ExportSet): Row {
  return {
    tlp: tlpLabel(n.tlp),
    notice_id: n.id,
    kind: n.kind,
    title: n.title,
    occurred_on: n.occurredOn,
    country_code: n.countryCode,
    country: set.countryName(n.countryCode),
    crossing: n.crossing?.names.en ?? null,
    place: n.placeText,
    agency: n.agency.names.en,
    status: n.status,
  };
}

const countries = (codes: string[], set: ExportSet) => codes.map((code) => `${set.countryName(code)} (${code})`).join("; ");

/** One row per seized item, company or person (an arrest whose people may not be named: one row for the notice). */
function rowsOf(n: NoticeSnapshot, set: ExportSet): Row[] {
  const common = base(n, set);
  const s = n.seizure;
  if (s) {
    const route = {
      concealment: s.concealment,
      conveyance: s.conveyance,
      origin: countries(s.originCountries, set),
      transit: countries(s.transitCountries, set),
      destination: countries(s.destinationCountries, set),
    };
    return s.items.map((item) => ({
      ...common,
      ...route,
      row: "seized_item",
      substance_id: item.substanceId,
      substance: item.substance?.en ?? null,
      description: item.description,
      quantity: item.quantity,
      unit: item.unit,
      mass_kg: item.massKg,
    }));
  }
  const c = n.companyAlert;
  if (c) {
    return [
      {
        ...common,
        row: "company",
        company_name: c.names[0]?.name ?? null,
        company_names: c.names.map((entry) => entry.name).join("; "),
        registration_numbers: c.registrationNumbers.join("; "),
      },
    ];
  }
  const persons = n.arrest?.persons ?? [];
  if (!mayNamePersons(n.tlp) || !persons.length) return [{ ...common, row: "arrest", person_count: persons.length }];
  return persons.map((person) => ({
    ...common,
    row: "person",
    person_name: [person.names.latin, person.names.cyrillic, person.names.chinese].filter(Boolean).join(" / "),
    person_role: person.role,
    nationality: person.nationalityCode,
    birth_year: person.birthYear,
    person_count: persons.length,
  }));
}

// A spreadsheet runs a cell that starts like a formula: text from a notice must stay text.
const FORMULA_START = /^[=+\-@\t\r]/;
const defuse = (value: string | number | null | undefined) => (typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value);

/**
 * The CSV file: UTF-8 with a byte-order mark (Excel reads it as UTF-8 only then), a first line
 * naming the marking of its most restrictive row, then the header and the rows.
 */
export function csvFile(set: ExportSet): string {
  const rows = set.notices.flatMap((n) => rowsOf(n, set));
  return markedCsv(
    mostRestrictive(set.notices.map((n) => n.tlp)),
    CSV_COLUMNS,
    rows.map((row) => CSV_COLUMNS.map((column) => row[column])),
  );
}

/**
 * Any CSV file Tianshan writes: UTF-8 with a byte-order mark, its marking on the first line, then
 * the header and the rows, with text that a spreadsheet would run as a formula kept as text.
 */
export function markedCsv(tlp: Tlp, header: readonly string[], rows: (string | number | null | undefined)[][]): string {
  const body = rows.map((row) => row.map((value) => defuse(value) ?? ""));
  return stringify([[tlpLabel(tlp)], [...header], ...body], { bom: true, record_delimiter: "windows" });
}

/** The CSV export of a selection, audited as one. */
export async function exportCsv({ viewer, input }: { viewer: Viewer; input: ExportSelection }) {
  const set = await loadExportSet(viewer, input, { format: "csv" });
  return { csv: csvFile(set), tlp: mostRestrictive(set.notices.map((n) => n.tlp)) };
}

import ExcelJS from "exceljs";
import type { Locale } from "~/i18n/locales";
import { tlpLabel } from "./markings";
import type { FormD, FormDLine } from "./form-d";

/** The words of the workbook, in the reader's language (the route translates them). */
export type FormDLabels = {
  title: string;
  tableI: string;
  tableII: string;
  nonScheduled: string;
  substance: string;
  seizures: string;
  kg: string;
  litres: string;
  units: string;
  origins: string;
  transits: string;
  methods: string;
  date: string;
  description: string;
  quantity: string;
  unit: string;
  none: string;
};

type Names = { en: string; ru: string; zh: string | null };
const nameIn = (names: Names | undefined, locale: Locale) => (names ? ((locale === "en" ? names.en : locale === "ru" ? names.ru : names.zh) ?? names.en) : "");

/**
 * Form D as an XLSX workbook: the marking of its most restrictive notice on the first line, then
 * Table I, Table II and the non-scheduled items, each with its header row. Numbers stay numbers.
 */
export async function formDWorkbook(report: FormD, labels: FormDLabels, locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Tianshan";
  const sheet = book.addWorksheet(`Form D ${report.countryCode} ${report.year}`);
  sheet.addRow([tlpLabel(report.tlp)]).font = { bold: true };
  sheet.addRow([labels.title]).font = { bold: true, size: 14 };
  const country = (code: string) => `${nameIn(report.countryNames[code], locale) || code} (${code})`;
  const line = (l: FormDLine) => [
    nameIn(l.names, locale),
    l.seizures,
    l.kg,
    l.litres,
    l.units,
    l.origins.map(country).join("; "),
    l.transits.map(country).join("; "),
    l.methods.join("; "),
  ];
  const header = [labels.substance, labels.seizures, labels.kg, labels.litres, labels.units, labels.origins, labels.transits, labels.methods];
  for (const [title, lines] of [
    [labels.tableI, report.tableI],
    [labels.tableII, report.tableII],
  ] as const) {
    sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true };
    sheet.addRow(header).font = { bold: true };
    if (!lines.length) sheet.addRow([labels.none]);
    for (const l of lines) sheet.addRow(line(l));
  }
  sheet.addRow([]);
  sheet.addRow([labels.nonScheduled]).font = { bold: true };
  sheet.addRow([labels.date, labels.description, labels.quantity, labels.unit]).font = { bold: true };
  if (!report.nonScheduled.length) sheet.addRow([labels.none]);
  for (const item of report.nonScheduled) sheet.addRow([item.occurredOn, item.description ?? "", item.quantity, item.unit]);
  sheet.columns.forEach((column, index) => (column.width = index === 0 ? 32 : 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}

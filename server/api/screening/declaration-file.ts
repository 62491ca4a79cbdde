import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { z } from "zod";
import type { FieldError } from "~/schemas/issues";
import {
  DECLARATION_COLUMNS,
  SCREENING_LINES_MAX,
  ZScreenDeclaration,
  type DeclarationColumn,
  type DeclarationLine,
  type ScreeningFormInput,
} from "~/schemas/screening";

/**
 * The screening form's text or file as the lines the procedure checks. Pasted text and CSV are
 * split on the separator their first line uses (a tab when copied from a spreadsheet, else a
 * semicolon or a comma: Russian-language Excel writes semicolons); an XLSX file is read from its
 * first sheet. A first row that names the columns (in any of the three languages) decides their
 * order; without one they are taken in the order of DECLARATION_COLUMNS. Nothing read is kept.
 */

export type ReadDeclaration = { lines: DeclarationLine[] } | { field: "text" | "file"; error: FieldError };

// Header words, lower case, letters only: what customs forms and manifests call each column.
const HEADERS: Record<DeclarationColumn, string[]> = {
  hsCode: ["hs", "hscode", "code", "tariff", "тнвэд", "кодтнвэд", "код", "кодтовара", "hs编码", "商品编码", "编码", "税号"],
  description: [
    "description",
    "goods",
    "goodsdescription",
    "commodity",
    "наименование",
    "описание",
    "товар",
    "наименованиетовара",
    "品名",
    "货物",
    "货物描述",
    "商品名称",
  ],
  consignor: ["consignor", "shipper", "exporter", "sender", "отправитель", "грузоотправитель", "экспортер", "发货人", "出口商"],
  consignee: ["consignee", "receiver", "importer", "recipient", "получатель", "грузополучатель", "импортер", "收货人", "进口商"],
  vehicle: ["vehicle", "truck", "wagon", "container", "plate", "транспорт", "транспортноесредство", "вагон", "номер", "车辆", "车牌", "车皮", "集装箱"],
  route: ["route", "маршрут", "路线", "线路"],
};
const HEADER_OF = new Map(Object.entries(HEADERS).flatMap(([column, words]) => words.map((w) => [w, column as DeclarationColumn])));
const headerWord = (cell: string) => cell.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

// XLSX files are ZIP archives.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function readDeclaration(form: ScreeningFormInput): Promise<ReadDeclaration> {
  const field = form.file ? "file" : "text";
  let rows: string[][];
  try {
    rows = form.file ? await fileRows(form.file) : textRows(form.text ?? "");
  } catch {
    return { field, error: { key: "screeningUnreadable" } };
  }
  const lines = linesOf(rows);
  if (!lines.length) return { field, error: { key: "screeningEmpty" } };
  const checked = ZScreenDeclaration.safeParse({ lines });
  return checked.success ? { lines: checked.data.lines } : { field, error: lineError(checked.error) };
}

async function fileRows(file: File): Promise<string[][]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return workbookRows(bytes);
  return textRows(decode(bytes));
}

/** UTF-8, or else Windows-1251, in which Russian-language Excel still saves CSV. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

function textRows(text: string): string[][] {
  const first =
    text
      .replace(/^\uFEFF/u, "")
      .split(/\r?\n/u)
      .find((l) => l.trim()) ?? "";
  const count = (c: string) => first.split(c).length - 1;
  const delimiter = first.includes("\t") ? "\t" : count(";") >= count(",") && count(";") > 0 ? ";" : ",";
  return parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, to: SCREENING_LINES_MAX + 2 });
}

async function workbookRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    if (rows.length > SCREENING_LINES_MAX + 1) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cell.text.trim()));
    rows.push(Array.from(cells, (c) => c ?? ""));
  });
  return rows;
}

/** The rows as lines: by the header's columns when the first row names at least two. */
function linesOf(rows: string[][]): DeclarationLine[] {
  const named = (rows[0] ?? []).map((cell) => HEADER_OF.get(headerWord(cell)));
  const hasHeader = named.filter(Boolean).length >= 2;
  const columns = hasHeader ? named : DECLARATION_COLUMNS;
  return (hasHeader ? rows.slice(1) : rows).flatMap((row) => {
    const line: DeclarationLine = {};
    row.forEach((value, i) => {
      const column = columns[i];
      if (column && value && !line[column]) line[column] = value;
    });
    return Object.keys(line).length ? [line] : [];
  });
}

/** The first problem, said with the line it is on (lines counted from 1, as the reader sees them). */
function lineError(error: z.ZodError): FieldError {
  const issue = error.issues[0]!;
  if (issue.path.length < 2) return { key: "screeningTooManyLines", values: { max: SCREENING_LINES_MAX } };
  const line = Number(issue.path[1]) + 1;
  if (issue.code === "too_big") return { key: "screeningCellTooLong", values: { line, max: Number(issue.maximum) } };
  return { key: "screeningLineInvalid", values: { line } };
}

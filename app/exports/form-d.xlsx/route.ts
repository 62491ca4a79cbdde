import { getLocale, getTranslations } from "next-intl/server";
import { formDFromParams } from "~/schemas/exports";
import { formDWorkbook, type FormDLabels } from "~/server/services/exports/form-d-xlsx";
import { download } from "../download";

const LABELS = [
  "title",
  "tableI",
  "tableII",
  "nonScheduled",
  "substance",
  "seizures",
  "kg",
  "litres",
  "units",
  "origins",
  "transits",
  "methods",
  "date",
  "description",
  "quantity",
  "unit",
  "none",
] as const;

/** INCB Form D (seizures) as an XLSX workbook, in the reader's language: `?country=KG&year=2026`. */
export function GET(request: Request): Promise<Response> {
  const input = formDFromParams(new URL(request.url).searchParams);
  return download(request, async (caller) => {
    const report = await caller.exports.formD({ ...input, as: "xlsx" });
    const [t, locale] = await Promise.all([getTranslations("exports.formD"), getLocale()]);
    const labels = Object.fromEntries(LABELS.map((key) => [key, t(key, { country: report.countryCode, year: report.year })])) as FormDLabels;
    const body = await formDWorkbook(report, labels, locale as "en" | "ru" | "zh");
    return {
      body: new Uint8Array(body),
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      filename: `form-d-${report.countryCode}-${report.year}.xlsx`,
    };
  });
}

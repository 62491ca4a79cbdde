import type { inferRouterOutputs } from "@trpc/server";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { localized } from "~/app/_components/names";
import type { AppRouter } from "~/server/api/root";

type FormD = inferRouterOutputs<AppRouter>["exports"]["formD"];
type Line = FormD["tableI"][number];

const cell = "border border-slate-300 px-2 py-1 align-top";

/** A part of the report: its title, then a table under these headings, or a line saying it has nothing. */
async function ReportPart({ title, headings, rows, testId }: { title: string; headings: string[]; rows: ReactNode[]; testId?: string }) {
  const t = await getTranslations("exports.formD");
  return (
    <section className="mb-6 break-inside-avoid">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      {rows.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid={testId}>
            <thead className="bg-slate-50 text-left">
              <tr>
                {headings.map((heading) => (
                  <th key={heading} scope="col" className={cell}>
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
    </section>
  );
}

/** One table of Form D (Table I or II): a line per substance, with the quantities as reported. */
export async function SubstanceTable({ table, title, lines, report }: { table: "I" | "II"; title: string; lines: Line[]; report: FormD }) {
  const [t, locale] = await Promise.all([getTranslations("exports.formD"), getLocale()]);
  const country = (code: string) => `${report.countryNames[code] ? localized(report.countryNames[code], locale) : code} (${code})`;
  const number = (value: number | null) => (value === null ? "—" : value.toLocaleString(locale, { maximumFractionDigits: 3 }));
  const headings = (["substance", "seizures", "kg", "litres", "units", "origins", "transits", "methods"] as const).map((key) => t(key));
  const rows = lines.map((line) => (
    <tr key={line.substanceId} data-substance={line.substanceId}>
      <th scope="row" className={`${cell} text-left font-medium`}>
        {localized(line.names, locale)}
      </th>
      <td className={`${cell} text-right`}>{line.seizures}</td>
      <td className={`${cell} text-right`}>{number(line.kg)}</td>
      <td className={`${cell} text-right`}>{number(line.litres)}</td>
      <td className={`${cell} text-right`}>{number(line.units)}</td>
      <td className={cell}>{line.origins.map(country).join("; ") || "—"}</td>
      <td className={cell}>{line.transits.map(country).join("; ") || "—"}</td>
      <td className={cell}>
        <bdi>{line.methods.join("; ") || "—"}</bdi>
      </td>
    </tr>
  ));
  return <ReportPart title={title} headings={headings} rows={rows} testId={`form-d-table-${table}`} />;
}

/** Seized items of no scheduled substance, listed apart, one line each. */
export async function NonScheduledTable({ report }: { report: FormD }) {
  const [t, locale] = await Promise.all([getTranslations("exports.formD"), getLocale()]);
  const headings = (["date", "description", "quantity", "unit"] as const).map((key) => t(key));
  const rows = report.nonScheduled.map((item, index) => (
    <tr key={`${item.noticeId}-${index}`}>
      <td className={cell}>{item.occurredOn}</td>
      <td className={cell}>
        <bdi>{item.description ?? "—"}</bdi>
      </td>
      <td className={`${cell} text-right`}>{item.quantity.toLocaleString(locale, { maximumFractionDigits: 3 })}</td>
      <td className={cell}>{item.unit}</td>
    </tr>
  ));
  return <ReportPart title={t("nonScheduled")} headings={headings} rows={rows} />;
}

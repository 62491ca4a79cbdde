import type { inferRouterOutputs } from "@trpc/server";
import { getLocale, getTranslations } from "next-intl/server";
import { localized } from "~/app/_components/names";
import type { AppRouter } from "~/server/api/root";

type FormD = inferRouterOutputs<AppRouter>["exports"]["formD"];
type Line = FormD["tableI"][number];

const cell = "border border-slate-300 px-2 py-1 align-top";

/** One table of Form D (Table I or II): a line per substance, with the quantities as reported. */
export async function SubstanceTable({ table, title, lines, report }: { table: "I" | "II"; title: string; lines: Line[]; report: FormD }) {
  const [t, locale] = await Promise.all([getTranslations("exports.formD"), getLocale()]);
  const country = (code: string) => `${report.countryNames[code] ? localized(report.countryNames[code], locale) : code} (${code})`;
  const number = (value: number | null) => (value === null ? "—" : value.toLocaleString(locale, { maximumFractionDigits: 3 }));
  return (
    <section className="mb-6 break-inside-avoid">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      {lines.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid={`form-d-table-${table}`}>
            <thead className="bg-slate-50 text-left">
              <tr>
                {(["substance", "seizures", "kg", "litres", "units", "origins", "transits", "methods"] as const).map((key) => (
                  <th key={key} scope="col" className={cell}>
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
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
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
    </section>
  );
}

/** Seized items of no scheduled substance, listed apart, one line each. */
export async function NonScheduledTable({ report }: { report: FormD }) {
  const [t, locale] = await Promise.all([getTranslations("exports.formD"), getLocale()]);
  return (
    <section className="mb-6 break-inside-avoid">
      <h2 className="mb-2 text-lg font-semibold">{t("nonScheduled")}</h2>
      {report.nonScheduled.length ? (
        <table className="w-full border-collapse text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              {(["date", "description", "quantity", "unit"] as const).map((key) => (
                <th key={key} scope="col" className={cell}>
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.nonScheduled.map((item, index) => (
              <tr key={`${item.noticeId}-${index}`}>
                <td className={cell}>{item.occurredOn}</td>
                <td className={cell}>
                  <bdi>{item.description ?? "—"}</bdi>
                </td>
                <td className={`${cell} text-right`}>{item.quantity.toLocaleString(locale, { maximumFractionDigits: 3 })}</td>
                <td className={cell}>{item.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
    </section>
  );
}

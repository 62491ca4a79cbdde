import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { SelectField, TextField } from "~/app/_components/form";
import { localized } from "~/app/_components/names";
import { textLinkClass } from "~/app/_components/styles";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Button, PageHeader } from "~/app/_components/ui";
import { FORM_D_YEAR_MAX, FORM_D_YEAR_MIN, formDFromParams, ZFormDInput } from "~/schemas/exports";
import { fieldErrors } from "~/schemas/issues";
import { filterOptions, firstParam, type SearchParams } from "../../_components/feed-filters";
import { NonScheduledTable, SubstanceTable } from "./_components/form-d-tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exports.formD"))("pageTitle") };
}

/**
 * INCB Form D (seizures) for a country and a year: a GET form, then the report, printable as it
 * stands (server-rendered, no script), with its XLSX download beside it.
 */
export default async function FormDPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireViewer();
  const params = await searchParams;
  const [t, locale, options] = await Promise.all([getTranslations("exports.formD"), getLocale(), filterOptions()]);
  const asked = firstParam(params.country) !== undefined || firstParam(params.year) !== undefined;
  const query = new URLSearchParams({ country: firstParam(params.country) ?? "", year: firstParam(params.year) ?? "" });
  const parsed = asked ? ZFormDInput.safeParse(formDFromParams(query)) : null;
  const errors = parsed && !parsed.success ? fieldErrors(parsed.error) : {};
  const report = parsed?.success ? await orNotFound((await api()).exports.formD({ ...parsed.data, as: "page" })) : null;
  const countryName = report
    ? report.countryNames[report.countryCode]
      ? localized(report.countryNames[report.countryCode]!, locale)
      : report.countryCode
    : "";

  return (
    <>
      <PageHeader title={t("pageTitle")} subtitle={t("subtitle")} />
      <form action="/reports/form-d" method="get" className="mb-6 flex flex-wrap items-end gap-4 print:hidden" aria-label={t("pageTitle")}>
        <SelectField name="country" label={t("country")} defaultValue={firstParam(params.country)?.toUpperCase() ?? ""} error={errors.countryCode}>
          <option value="">—</option>
          {options.nearbyCountries.map((group) => (
            <optgroup key={group.label ?? ""} label={group.label ?? ""}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <TextField
          name="year"
          type="number"
          label={t("year")}
          min={FORM_D_YEAR_MIN}
          max={FORM_D_YEAR_MAX}
          defaultValue={firstParam(params.year) ?? ""}
          error={errors.year}
        />
        <Button type="submit">{t("show")}</Button>
      </form>
      {report ? (
        <article aria-labelledby="form-d-title" data-testid="form-d">
          <h2 id="form-d-title" className="mb-2 text-xl font-semibold">
            {t("title", { country: countryName, year: report.year })}
          </h2>
          <p className="mb-1 flex flex-wrap items-center gap-2 text-sm">
            {t("marking")} <TlpBadge tlp={report.tlp} />
          </p>
          <p className="mb-3 text-sm" data-testid="form-d-total">
            {t("total", { count: report.seizures })}
          </p>
          <p className="mb-4 flex flex-wrap gap-4 text-sm print:hidden">
            <a className={textLinkClass} href={`/exports/form-d.xlsx?country=${report.countryCode}&year=${report.year}`} download>
              {t("download")}
            </a>
            <span className="text-slate-600">{t("print")}</span>
          </p>
          <SubstanceTable table="I" title={t("tableI")} lines={report.tableI} report={report} />
          <SubstanceTable table="II" title={t("tableII")} lines={report.tableII} report={report} />
          <NonScheduledTable report={report} />
        </article>
      ) : !asked ? (
        <p className="text-sm text-slate-600">{t("choose")}</p>
      ) : null}
    </>
  );
}

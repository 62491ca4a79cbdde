import "server-only";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SelectField } from "~/app/_components/form";
import { Button, TextLink } from "~/app/_components/ui";
import type { FieldError } from "~/schemas/issues";
import { TREND_PARAMS, type TrendFilters } from "~/schemas/picture";
import { Choices, readFeedParams, withCurrent, type FilterOptions, type SearchParams } from "../feed-filters";
import { PeriodFields, readPeriod, type Period } from "../map/period";

type Param = keyof typeof TREND_PARAMS;
type Values = Partial<Record<Param, string>>;

/**
 * The filters a trends address asks for: crossing, substance, country and agency checked as the
 * feed checks them (a value naming nothing known is reported next to its field and left out), and
 * the period (the last twelve months unless the address names one).
 */
export function readTrendParams(params: SearchParams, options: FilterOptions, timeZone: string) {
  const feed = readFeedParams(params, options);
  const { period, values: periodValues, errors: periodErrors } = readPeriod(params, timeZone);
  const filters: TrendFilters = {
    crossingId: feed.filters.crossingId,
    substanceId: feed.filters.substanceId,
    countryCode: feed.filters.countryCode,
    agencyId: feed.filters.agencyId,
    ...period,
  };
  const picked = <T,>(all: Partial<Record<string, T>>) =>
    Object.fromEntries((["crossing", "substance", "country", "agency"] as const).flatMap((p) => (all[p] ? [[p, all[p]]] : []))) as Partial<Record<Param, T>>;
  return {
    filters,
    period,
    values: { ...picked(feed.values), ...periodValues } as Values & Period,
    errors: { ...picked(feed.errors), ...periodErrors } as Partial<Record<Param, FieldError>>,
  };
}

/** The address of a view of the trends (or of its CSV): the filters as short parameters. */
export function trendsQuery(filters: TrendFilters): string {
  const query = new URLSearchParams();
  for (const [param, field] of Object.entries(TREND_PARAMS)) {
    const value = filters[field];
    if (value) query.set(param, value);
  }
  return query.toString();
}

/** The trends' filters as a plain GET form: works without JavaScript, and the address can be shared. */
export async function TrendFilterForm({
  values,
  errors,
  options,
}: {
  values: Values & Period;
  errors: Partial<Record<Param, FieldError>>;
  options: FilterOptions;
}) {
  const t = await getTranslations("picture.filters");
  const select = (param: Exclude<Param, "from" | "to">, groups: FilterOptions["crossings"]): ReactNode => (
    <SelectField name={param} label={t(param)} defaultValue={values[param] ?? ""} error={errors[param]}>
      <option value="">{t("any")}</option>
      <Choices groups={groups} />
    </SelectField>
  );
  return (
    <form action="/trends" method="get" aria-label={t("label")} className="mb-6 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <div className="grid grid-cols-1 items-end gap-x-3 gap-y-2 sm:grid-cols-2 lg:grid-cols-4">
        {select("crossing", options.crossings)}
        {select("substance", options.substances)}
        {select("country", withCurrent(options.nearbyCountries, options.countries, values.country))}
        {select("agency", options.agencies)}
        <PeriodFields values={values} errors={errors} />
        <div className="flex flex-wrap items-end gap-4">
          <Button type="submit">{t("apply")}</Button>
          <TextLink href="/trends">{t("clear")}</TextLink>
        </div>
      </div>
    </form>
  );
}

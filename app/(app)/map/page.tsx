import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button, ButtonLink, PageHeader } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";
import type { SearchParams } from "../_components/feed-filters";
import { CrossingCountsTable } from "../_components/map/crossing-counts-table";
import { CrossingMapFigure } from "../_components/map/crossing-map";
import { mapData } from "../_components/map/map-data";
import { PeriodFields, readPeriod } from "../_components/map/period";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("picture.map"))("title") };
}

/** The crossings on a map with the notices the viewer may read at each in a period (GET form: no script needed). */
export default async function MapPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const { period, values, errors } = readPeriod(await searchParams, viewer.timeZone);
  const [{ crossings, countryNames, total }, t, filters, nav] = await Promise.all([
    mapData(await api(), period),
    getTranslations("picture.map"),
    getTranslations("picture.filters"),
    getTranslations("picture.nav"),
  ]);

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} actions={<ButtonLink href="/trends">{nav("trends")}</ButtonLink>} />
      <form
        action="/map"
        method="get"
        aria-label={filters("label")}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      >
        <PeriodFields values={values} errors={errors} />
        <Button type="submit">{filters("apply")}</Button>
      </form>
      <p className="mb-3 text-sm text-slate-600" data-testid="map-total">
        {t("total", { count: total, from: period.from, to: period.to })}
      </p>
      <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
        <CrossingMapFigure crossings={crossings} countryNames={countryNames} period={period} />
        <section aria-labelledby="map-table" className="min-w-0">
          <h2 id="map-table" className="mb-2 text-lg font-semibold">
            {t("tableTitle")}
          </h2>
          <CrossingCountsTable crossings={crossings} period={period} />
        </section>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "~/app/_components/styles";
import { ButtonLink, PageHeader } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";
import { filterOptions, type SearchParams } from "../_components/feed-filters";
import { readTrendParams, TrendFilterForm, trendsQuery } from "../_components/trends/trend-filters";
import { TrendsView } from "../_components/trends/trends-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("picture.trends"))("title") };
}

/** Trends of the notices the viewer may read, by crossing, substance, country, agency and period (GET form). */
export default async function TrendsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const [options, t, nav, locale] = await Promise.all([filterOptions(), getTranslations("picture.trends"), getTranslations("picture.nav"), getLocale()]);
  const { filters, values, errors } = readTrendParams(await searchParams, options, viewer.timeZone);
  const trends = await (await api()).picture.trends({ filters });
  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          <>
            <ButtonLink href="/map">{nav("map")}</ButtonLink>
            {/* A plain link: the browser downloads what the route handler writes, with no script. */}
            <a className={buttonClass("secondary")} href={`/exports/trends.csv?${trendsQuery(filters)}`} download>
              {t("csv")}
            </a>
          </>
        }
      />
      <TrendFilterForm values={values} errors={errors} options={options} />
      <TrendsView trends={trends} locale={locale} />
    </>
  );
}

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { FormMessage } from "~/app/_components/form";
import { PageHeader, TextLink } from "~/app/_components/ui";
import type { FeedFilters, FeedSort } from "~/schemas/notices";
import { FeedFilterForm, feedHref, filterOptions, firstParam, readFeedParams, type SearchParams } from "../_components/feed-filters";
import { LiveArrivals } from "../_components/notice-list";
import { ExportLinks } from "../_components/export-links";
import { FeedResults } from "../_components/feed-results";
import { PinnedAlerts } from "../moderation/_components/pinned";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("feed"))("title") };
}

/** A page of the feed; a cursor that is not ours (edited or truncated link) falls back to the newest page. */
async function loadPage(filters: FeedFilters, sort: FeedSort, cursor: string | undefined) {
  const caller = await api();
  // The default order stays out of the request: it is the feed's performance-tuned statement.
  const order = sort === "posted" ? {} : { sort };
  try {
    return { page: await caller.notices.feed({ filters, cursor, ...order }), cursorRejected: false };
  } catch (error) {
    if (!(cursor && error instanceof TRPCError && error.code === "BAD_REQUEST")) throw error;
    return { page: await caller.notices.feed({ filters, ...order }), cursorRejected: true };
  }
}

export default async function FeedPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireViewer();
  const params = await searchParams;
  const [options, t] = await Promise.all([filterOptions(), getTranslations("feed")]);
  const { filters, values, errors, active, display } = readFeedParams(params, options);
  const [{ page, cursorRejected }, count] = await Promise.all([
    loadPage(filters, display.sort, firstParam(params.cursor)),
    (await api()).notices.feedCount({ filters }),
  ]);
  const paged = Boolean(firstParam(params.cursor)) && !cursorRejected;

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <FeedFilterForm values={values} errors={errors} options={options} active={active} display={display} />
      {cursorRejected ? (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t("invalidCursor")}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? <FormMessage message="invalid" /> : null}
      {paged ? null : <PinnedAlerts />}
      <ExportLinks selection={{ scope: "feed", filters }} />
      {paged ? (
        <p className="mb-3 text-sm">
          <TextLink href={feedHref("/feed", filters, null, display)}>← {t("list.first")}</TextLink>
        </p>
      ) : null}
      {paged ? null : <LiveArrivals filters={filters} first={page.items[0]} href={feedHref("/feed", filters, null, display)} />}
      <FeedResults
        filters={filters}
        display={display}
        count={count}
        items={page.items}
        nextCursor={page.nextCursor}
        empty={paged ? t("list.noMore") : active ? t("list.emptyFiltered") : t("list.empty")}
      />
    </>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { ComponentProps, ReactNode } from "react";
import { api } from "~/app/_trpc/server";
import { isolate } from "~/app/_components/isolate";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Badge, TextLink } from "~/app/_components/ui";
import type { FeedFilters } from "~/schemas/notices";
import { FEED_SECTION_SIZE } from "~/schemas/notice-limits";
import { feedHref } from "./feed-filters";
import { EmptyList, LiveArrivals, NextPageLink, placeOf, STATUS_TONES, type NoticeListItem } from "./notice-list";
import { ExportLinks } from "./export-links";

// The table's columns and their widths (the title takes what is left).
const COLUMNS = [
  ["marking", "w-36"],
  ["kind", "w-24"],
  ["title", undefined],
  ["place", "w-44"],
  ["occurred", "w-28"],
  ["agency", "w-32"],
  ["posted", "w-28"],
] as const;

/** A badge after a notice's title: its status, or an expired alert. */
function TitleBadge({ tone, children }: { tone: ComponentProps<typeof Badge>["tone"]; children: ReactNode }) {
  return (
    <span className="ml-2">
      <Badge tone={tone}>{children}</Badge>
    </span>
  );
}

/**
 * Notices as a dense table, one line each: marking, kind, title, place, date of occurrence,
 * agency and (on wide screens) when posted. Below 768 px the place, kind and agency move under the
 * title (and below 640 px the marking before it), so the table never runs wider than the screen.
 */
export async function NoticeTable({ items, olderHref, empty }: { items: NoticeListItem[]; olderHref: string | null; empty: ReactNode }) {
  const [t, vocab, format] = await Promise.all([getTranslations("feed.list"), getTranslations("vocab"), getFormatter()]);
  if (items.length === 0) return <EmptyList>{empty}</EmptyList>;
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <table className="notice-table w-full table-fixed border-collapse rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200" data-testid="notice-table">
        <caption className="sr-only">{t("heading")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium text-slate-600">
          <tr>
            {COLUMNS.map(([column, width]) => (
              <th key={column} scope="col" className={width}>
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            const status = item.status === "published" ? null : item.status;
            const place = placeOf(item);
            return (
              <tr key={item.id} data-testid="notice-line" data-notice-id={item.id}>
                <td>
                  <TlpBadge tlp={item.tlp} />
                </td>
                <td title={vocab(`kind.${item.kind}`)}>{t(`kindShort.${item.kind}`)}</td>
                <td>
                  <span className="mr-2 sm:hidden">
                    <TlpBadge tlp={item.tlp} />
                  </span>
                  <Link href={`/notices/${item.id}`}>
                    <bdi>{item.title}</bdi>
                  </Link>
                  {status ? <TitleBadge tone={STATUS_TONES[status]}>{vocab(`status.${status}`)}</TitleBadge> : null}
                  {item.companyAlert?.expired ? <TitleBadge tone="amber">{t("expired")}</TitleBadge> : null}
                  <span className="block text-xs text-slate-600 md:hidden">
                    {[t(`kindShort.${item.kind}`), place && isolate(place), item.agency.shortName].filter(Boolean).join(" · ")}
                  </span>
                </td>
                <td title={place || undefined}>{place ? <bdi>{place}</bdi> : "—"}</td>
                <td>
                  <time dateTime={item.occurredOn}>{day(item.occurredOn)}</time>
                </td>
                <td title={item.agency.name}>{item.agency.shortName}</td>
                <td>
                  {item.publishedAt ? <time dateTime={item.publishedAt}>{format.dateTime(new Date(item.publishedAt), { dateStyle: "medium" })}</time> : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <NextPageLink href={olderHref} label={t("more")} pagination={t("pagination")} />
    </>
  );
}

/** The newest notices of one crossing or substance on its page, continued in the full feed. */
export async function FeedSection({
  filters,
  title,
  allLabel,
  empty,
  href,
}: {
  filters: FeedFilters;
  title: string;
  allLabel: string;
  empty: string;
  /** The page's own address, for its "new notices — show" link. */
  href: string;
}) {
  const page = await (await api()).notices.feed({ filters, limit: FEED_SECTION_SIZE });
  return (
    <section aria-labelledby="feed-section" className="mt-6">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="feed-section" className="text-lg font-semibold">
          {title}
        </h2>
        <TextLink href={feedHref("/feed", filters)} className="text-sm">
          {allLabel}
        </TextLink>
      </div>
      <LiveArrivals filters={filters} first={page.items[0]} href={href} />
      <ExportLinks selection={{ scope: "feed", filters }} />
      <NoticeTable items={page.items} olderHref={page.nextCursor ? feedHref("/feed", filters, page.nextCursor) : null} empty={empty} />
    </section>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { ReactNode } from "react";
import { FEED_SORTS, type FeedFilters } from "~/schemas/notices";
import { FEED_VIEWS, feedHref, type FeedDisplay } from "./feed-filters";
import { NoticeList, type NoticeListItem } from "./notice-list";
import { NoticeTable } from "./notice-table";

const OPTION =
  "whitespace-nowrap px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 aria-[current=true]:bg-slate-800 aria-[current=true]:text-white";

/** A row of links, one of them current: a choice that works as plain links, without JavaScript. */
function Choice({ label, options }: { label: string; options: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="flex min-w-0 items-center gap-2">
      <span className="hidden text-xs text-slate-600 sm:inline" aria-hidden="true">
        {label}
      </span>
      <ul className="flex flex-wrap overflow-hidden rounded-md border border-slate-300 bg-white">
        {options.map((option) => (
          <li key={option.href} className="border-l border-slate-300 first:border-l-0">
            <Link href={option.href} aria-current={option.current ? "true" : undefined} className={`block ${OPTION}`}>
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The notices a feed address finds: how many (counted through the visibility rule, up to a cap),
 * the order and view choices, and the page itself as a dense table or as cards.
 */
export async function FeedResults({
  filters,
  display,
  count,
  items,
  nextCursor,
  empty,
}: {
  filters: FeedFilters;
  display: Required<FeedDisplay>;
  count: { count: number; more: boolean };
  items: NoticeListItem[];
  nextCursor: string | null;
  empty: ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations("feed.list"), getFormatter()]);
  const nextHref = nextCursor ? feedHref("/feed", filters, nextCursor, display) : null;
  return (
    <section aria-labelledby="feed-results">
      <h2 id="feed-results" className="sr-only">
        {t("heading")}
      </h2>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className="text-sm text-slate-700" data-testid="feed-count">
          {count.more ? t("countMore", { count: format.number(count.count) }) : t("count", { count: count.count })}
        </p>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Choice
            label={t("sortLabel")}
            options={FEED_SORTS.map((sort) => ({
              href: feedHref("/feed", filters, null, { ...display, sort }),
              label: t(`sort.${sort}`),
              current: sort === display.sort,
            }))}
          />
          <Choice
            label={t("viewLabel")}
            options={FEED_VIEWS.map((view) => ({
              href: feedHref("/feed", filters, null, { ...display, view }),
              label: t(`view.${view}`),
              current: view === display.view,
            }))}
          />
        </div>
      </div>
      {display.view === "list" ? (
        <NoticeTable items={items} olderHref={nextHref} empty={empty} />
      ) : (
        <NoticeList items={items} olderHref={nextHref} empty={empty} nextLabel={t("more")} />
      )}
    </section>
  );
}

import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { ReactNode } from "react";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Badge, TextLink } from "~/app/_components/ui";
import type { AppRouter } from "~/server/api/root";
import { NEWER_COUNT_CAP, type FeedFilters } from "~/schemas/notices";
import { encodeCursor } from "~/server/services/notices/cursor";
import { NewNoticesBanner } from "./new-notices-banner";

type SearchItem = inferRouterOutputs<AppRouter>["notices"]["search"]["items"][number];
/** A line of the feed, or of search results (which add a snippet around the match). */
export type NoticeListItem = Omit<SearchItem, "snippet"> & { snippet?: SearchItem["snippet"] };

export const STATUS_TONES = {
  retracted: "red",
  pending_release: "amber",
  draft: "slate",
  pending_review: "amber",
  changes_requested: "amber",
  rejected: "red",
  merged: "slate",
} as const;

/**
 * Notices as list lines, newest first, and the link to the next (older) page. Plain links and
 * server-rendered text: it reads and pages the same with JavaScript off.
 */
export async function NoticeList({
  items,
  olderHref,
  empty,
  nextLabel,
}: {
  items: NoticeListItem[];
  olderHref: string | null;
  empty: ReactNode;
  nextLabel?: string;
}) {
  const t = await getTranslations("feed.list");
  if (items.length === 0) return <EmptyList>{empty}</EmptyList>;
  return (
    <>
      <ol className="space-y-3" data-testid="notice-list">
        {items.map((item) => (
          <NoticeLine key={item.id} item={item} />
        ))}
      </ol>
      <NextPageLink href={olderHref} label={nextLabel ?? t("older")} pagination={t("pagination")} />
    </>
  );
}

/**
 * "3 new notices — show" for the newest page of published notices matching `filters`; `href` is
 * the page's own address.
 */
export function LiveArrivals({ filters, first, href }: { filters: FeedFilters; first: NoticeListItem | undefined; href: string }) {
  if ((filters.status ?? "published") !== "published") return null;
  const { status: _status, ...matching } = filters;
  const after = first?.publishedAt ? encodeCursor({ at: new Date(first.publishedAt), id: first.id }) : null;
  // The cap goes as a prop: importing it in the banner would bring zod (~26 KB) into every feed page.
  return <NewNoticesBanner filters={matching} after={after} href={href} cap={NEWER_COUNT_CAP} />;
}

/** The link to the next page of a list, in whatever order it is. */
export function NextPageLink({ href, label, pagination }: { href: string | null; label: string; pagination: string }) {
  if (!href) return null;
  return (
    <nav aria-label={pagination} className="mt-4 flex justify-center">
      <Link href={href} rel="next" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-600 hover:bg-slate-50">
        {label} →
      </Link>
    </nav>
  );
}

export function EmptyList({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{children}</p>;
}

/** Where a notice happened, in the reader's language: its crossing, or the place and country. */
export const placeOf = (item: NoticeListItem) =>
  item.crossing ? item.crossing.name : [item.placeText, item.countryName ?? item.countryCode].filter(Boolean).join(", ");

async function NoticeLine({ item }: { item: NoticeListItem }) {
  const [t, vocab, format] = await Promise.all([getTranslations("feed.list"), getTranslations("vocab"), getFormatter()]);
  // A date alone is a calendar day wherever it is read; a known time is shown in the reader's zone.
  const occurred = item.occurredAt
    ? format.dateTime(new Date(item.occurredAt), { dateStyle: "medium", timeStyle: "short" })
    : format.dateTime(new Date(`${item.occurredOn}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  // Names arrive in the reader's language (the feed and search services pick it).
  const place = placeOf(item);
  const status = item.status === "published" ? null : item.status;

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="notice-line" data-notice-id={item.id}>
      <article aria-labelledby={`notice-${item.id}`}>
        <div className="mb-1 flex flex-wrap items-center gap-2 text-xs">
          <TlpBadge tlp={item.tlp} />
          <Badge>{vocab(`kind.${item.kind}`)}</Badge>
          {status ? <Badge tone={STATUS_TONES[status]}>{vocab(`status.${status}`)}</Badge> : null}
          {item.companyAlert?.expired ? <Badge tone="amber">{t("expired")}</Badge> : null}
        </div>
        <h3 id={`notice-${item.id}`} className="text-base font-semibold">
          <TextLink href={`/notices/${item.id}`}>
            <bdi>{item.title}</bdi>
          </TextLink>
        </h3>
        <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
          {place ? <bdi>{place}</bdi> : null}
          <time dateTime={item.occurredAt ?? item.occurredOn}>{occurred}</time>
          <span title={item.agency.name}>{item.agency.shortName}</span>
        </p>
        <KindFacts item={item} />
        {item.snippet && item.snippet.length > 0 ? (
          <p dir="auto" className="mt-2 text-sm text-slate-800" data-testid="snippet">
            {item.snippet.map((part, i) =>
              part.hit ? (
                <mark key={i} className="rounded-sm bg-yellow-200 px-0.5">
                  {part.text}
                </mark>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </p>
        ) : item.excerpt ? (
          <p dir="auto" className="mt-2 text-sm text-slate-800">
            {item.excerpt}
          </p>
        ) : null}
        {item.tags.length > 0 ? (
          <ul className="mt-2 flex flex-wrap gap-1" aria-label={t("tags")}>
            {item.tags.map((tag) => (
              <li key={tag}>
                <Badge>#{tag}</Badge>
              </li>
            ))}
          </ul>
        ) : null}
        {item.publishedAt ? (
          <p className="mt-2 text-xs text-slate-500">
            {t("published", { date: format.dateTime(new Date(item.publishedAt), { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
        ) : null}
      </article>
    </li>
  );
}

async function KindFacts({ item }: { item: NoticeListItem }) {
  const [t, format] = await Promise.all([getTranslations("feed.list"), getFormatter()]);
  const facts: string[] = [];
  if (item.seizure) {
    const names = item.seizure.substances.map((s) => s.name);
    if (item.seizure.unidentified) names.push(t("unidentified"));
    facts.push(names.join(", "));
    if (item.seizure.massKg !== null) facts.push(t("mass", { mass: format.number(item.seizure.massKg, { maximumFractionDigits: 3 }) }));
  }
  if (item.companyAlert) {
    if (item.companyAlert.name) facts.push(item.companyAlert.name);
    const date = format.dateTime(new Date(`${item.companyAlert.expiresOn}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
    facts.push(item.companyAlert.expired ? t("expiredOn", { date }) : t("expires", { date }));
  }
  if (item.arrest) facts.push(t("persons", { count: item.arrest.personCount }));
  if (facts.length === 0) return null;
  return <p className="mt-1 text-sm text-slate-800">{facts.join(" · ")}</p>;
}

import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Link } from "~/app/_components/link";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { TextLink } from "~/app/_components/ui";
import type { Tlp } from "~/schemas/notice-enums";
import { placeOf, type NoticeListItem } from "../notice-list";

/** A box of the home page: a heading with its number, its lines (or why there are none), a link to all. */
export async function HomeSection({
  id,
  title,
  count,
  more,
  children,
}: {
  id: string;
  title: ReactNode;
  count?: { count: number; more: boolean } | null;
  more?: { href: string; label: string } | null;
  children: ReactNode;
}) {
  const t = await getTranslations("home");
  return (
    <section aria-labelledby={`home-${id}`} data-testid={`home-${id}`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id={`home-${id}`} className="text-base font-semibold text-slate-900">
          {title}
          {count ? (
            <span className="ms-2 text-sm font-normal text-slate-500" data-testid="home-count">
              {count.more ? t("countMore", { count: count.count }) : t("count", { count: count.count })}
            </span>
          ) : null}
        </h2>
        {more ? (
          <TextLink href={more.href} className="text-sm">
            {more.label}
          </TextLink>
        ) : null}
      </div>
      {children}
    </section>
  );
}

/** Notices one dense line each: marking, title, and under it the kind, place and when posted (or `note`). */
export async function NoticeLines({ items, empty, note }: { items: NoticeListItem[]; empty: string; note?: (item: NoticeListItem) => ReactNode }) {
  const [vocab, format] = await Promise.all([getTranslations("vocab"), getFormatter()]);
  if (!items.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => {
        const when = item.publishedAt ? format.dateTime(new Date(item.publishedAt), { dateStyle: "medium" }) : null;
        return (
          <HomeLine key={item.id} id={item.id} tlp={item.tlp} href={`/notices/${item.id}`} title={item.title}>
            {[vocab(`kind.${item.kind}`), placeOf(item), note ? null : when].filter(Boolean).join(" · ")}
            {note ? <> · {note(item)}</> : null}
          </HomeLine>
        );
      })}
    </ul>
  );
}

/** One line of a home list: the marking, the title as a link, and under it what `children` say. */
export function HomeLine({ id, tlp, href, title, children }: { id: string; tlp: Tlp; href: string; title: string; children: ReactNode }) {
  return (
    <li className="py-1.5" data-testid="home-line" data-notice-id={id}>
      <div className="flex min-w-0 items-baseline gap-2">
        <TlpBadge tlp={tlp} />
        <Link href={href} className="min-w-0 truncate text-sm font-medium text-brand-700 hover:underline">
          <bdi>{title}</bdi>
        </Link>
      </div>
      <p className="mt-0.5 truncate text-xs text-slate-500">{children}</p>
    </li>
  );
}

import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import { api, requireViewer } from "~/app/_trpc/server";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Badge, Button, PageHeader, TextLink } from "~/app/_components/ui";
import { describeMatch, type Translate } from "~/server/services/notifications/matched";
import { RefreshOnArrival } from "../_components/live-notifications";
import { markAllReadAction, markReadAction } from "./actions";
import { NotificationNoticeLink } from "./_components/notice-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

type SearchParams = Promise<{ cursor?: string | string[] }>;

/** A cursor from the address bar, or none when it is missing or not one of ours. */
function cursorOf(value: string | string[] | undefined): number | undefined {
  const id = typeof value === "string" && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) ? id : undefined;
}

export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireViewer();
  const cursor = cursorOf((await searchParams).cursor);
  const caller = await api();
  const [page, unread, t] = await Promise.all([caller.notifications.list({ cursor }), caller.notifications.unreadCount(), getTranslations("notifications")]);

  return (
    <>
      <RefreshOnArrival />
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          unread > 0 ? (
            <form action={markAllReadAction}>
              <Button type="submit" variant="secondary">
                {t("markAllRead")}
              </Button>
            </form>
          ) : null
        }
      />
      {page.items.length > 0 && unread === 0 ? (
        <p role="status" className="mb-4 text-sm text-slate-600">
          {t("allRead")}
        </p>
      ) : null}
      {cursor !== undefined ? (
        <p className="mb-3 text-sm">
          <TextLink href="/notifications">← {t("newest")}</TextLink>
        </p>
      ) : null}
      <h2 className="sr-only">{t("listHeading")}</h2>
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-3" data-testid="notification-list">
          {page.items.map((item) => (
            <NotificationItem key={item.id} item={item} />
          ))}
        </ol>
      )}
      {page.nextCursor !== null ? (
        <nav aria-label={t("older")} className="mt-4 flex justify-center">
          <Link
            href={`/notifications?cursor=${page.nextCursor}`}
            rel="next"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-600 hover:bg-slate-50"
          >
            {t("older")} →
          </Link>
        </nav>
      ) : null}
    </>
  );
}

type Item = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["notifications"]["list"]>>["items"][number];

/** One notification: what happened to which notice, why the reader hears of it, and its mark-read button. */
async function NotificationItem({ item }: { item: Item }) {
  const [t, vocab, matchedT, format] = await Promise.all([
    getTranslations("notifications"),
    getTranslations("vocab"),
    getTranslations("notifications.matched"),
    getFormatter(),
  ]);
  const unreadItem = item.readAt === null;
  const why = describeMatch(item.matched, item.matchedNames, matchedT as Translate, vocab as Translate);
  return (
    <li
      data-testid="notification"
      data-unread={unreadItem}
      className={`flex flex-wrap items-start justify-between gap-3 rounded-lg border bg-white p-4 shadow-sm ${unreadItem ? "border-brand-600" : "border-slate-200"}`}
    >
      <div className="min-w-0">
        <div className="mb-1 flex flex-wrap items-center gap-2 text-xs">
          {unreadItem ? <Badge tone="amber">{t("unread")}</Badge> : null}
          <Badge>{t(`event.${item.kind}`)}</Badge>
          <TlpBadge tlp={item.notice.tlp} />
          <Badge>{vocab(`kind.${item.notice.kind}`)}</Badge>
        </div>
        <p className={`text-base ${unreadItem ? "font-semibold" : ""}`}>
          <NotificationNoticeLink id={item.id} noticeId={item.notice.id} unread={unreadItem}>
            <bdi>{item.notice.title}</bdi>
          </NotificationNoticeLink>
        </p>
        {why ? (
          <p className="mt-1 text-sm text-slate-700" data-testid="notification-matched">
            {why}
          </p>
        ) : null}
        {item.matched?.via === "deconfliction" && item.matched.step !== "released" ? (
          <p className="mt-1 text-sm">
            <TextLink href="/deconfliction">{t("openDeconfliction")}</TextLink>
          </p>
        ) : null}
        <p className="mt-1 text-xs text-slate-500">
          <time dateTime={item.createdAt.toISOString()}>
            {t("received", { date: format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </time>
        </p>
      </div>
      {unreadItem ? (
        <form action={markReadAction}>
          <input type="hidden" name="id" value={item.id} />
          <Button type="submit" variant="secondary" className="min-h-8 px-3 py-1 text-xs">
            {t("markRead")}
          </Button>
        </form>
      ) : null}
    </li>
  );
}

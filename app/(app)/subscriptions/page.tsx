import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { byLabel, localized } from "~/app/_components/names";
import { Card, PageHeader, TextLink } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";
import { NOTICE_KINDS } from "~/schemas/notice-enums";
import { MailSettingsForm } from "./_components/mail-settings-form";
import { NewSubscriptionForm, type FeedOptions } from "./_components/new-subscription-form";
import { SubscriptionControls } from "./_components/subscription-row";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("subscriptions"))("title") };
}

type Props = { searchParams: Promise<{ done?: string | string[]; id?: string | string[] }> };

export default async function SubscriptionsPage({ searchParams }: Props) {
  await requireViewer();
  const caller = await api();
  const [list, options, mail, t, vocab, locale] = await Promise.all([
    caller.subscriptions.list(),
    caller.subscriptions.options(),
    caller.subscriptions.mailSettings(),
    getTranslations("subscriptions"),
    getTranslations("vocab"),
    getLocale(),
  ]);

  const feedOptions = feedOptionsOf(options, vocab, locale);

  // Where a form posted without JavaScript lands after success: the page says what was done.
  const params = await searchParams;
  const done = typeof params.done === "string" ? params.done : null;
  const savedId = done === "saved" && typeof params.id === "string" ? params.id : null;

  const feeds = list.filter((s) => !s.noticeId);
  const watches = list.filter((s) => s.noticeId);
  const describe = describer(feedOptions, t);

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("list.feeds")}</h2>
          {done === "removed" ? (
            <p role="status" className="mb-3 text-sm text-green-700">
              {t("list.removed")}
            </p>
          ) : null}
          {feeds.length ? (
            <ul className="divide-y divide-slate-200" data-testid="subscription-list">
              {feeds.map((s) => {
                const text = describe(s);
                return (
                  <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <span className="text-sm">{text}</span>
                    <SubscriptionControls key={`${s.id}-${s.delivery}`} id={s.id} delivery={s.delivery} label={text} saved={s.id === savedId} />
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("list.empty")}</p>
          )}
        </Card>
        <WatchesCard watches={watches} savedId={savedId} />
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("create.title")}</h2>
          {/* A new form after each subscription: the choices just posted are not kept for the next. */}
          <NewSubscriptionForm
            key={done === "created" && typeof params.id === "string" ? params.id : "new"}
            options={feedOptions}
            created={done === "created"}
          />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("mail.title")}</h2>
          <MailSettingsForm key={String(mail.moderationEmails)} moderationEmails={mail.moderationEmails} saved={done === "mail"} />
        </Card>
      </div>
    </>
  );
}

type Subscription = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["subscriptions"]["list"]>>[number];
type Options = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["subscriptions"]["options"]>>;
type Translate = Awaited<ReturnType<typeof getTranslations<"subscriptions">>>;

/** The choices of a new subscription, each list in the reader's language and order. */
function feedOptionsOf(options: Options, vocab: Awaited<ReturnType<typeof getTranslations<"vocab">>>, locale: string): FeedOptions {
  return {
    crossings: byLabel(
      options.crossings.map((c) => ({ value: c.id, label: localized(c.names, locale) })),
      locale,
    ),
    substances: byLabel(
      options.substances.map((s) => ({ value: s.id, label: localized(s.names, locale) })),
      locale,
    ),
    countries: byLabel(
      options.countries.map((c) => ({ value: c.code, label: localized(c.names, locale) })),
      locale,
    ),
    kinds: NOTICE_KINDS.map((kind) => ({ value: kind, label: vocab(`kind.${kind}`) })),
    agencies: byLabel(
      options.agencies.map((a) => ({ value: a.id, label: `${a.shortName} — ${localized(a.names, locale)}` })),
      locale,
    ),
  };
}

/** A subscription's filters in words, by the names the form offers them under. */
function describer(feedOptions: FeedOptions, t: Translate) {
  const names = (list: { value: string; label: string }[]) => new Map(list.map((o) => [o.value, o.label]));
  const label = {
    crossings: names(feedOptions.crossings),
    substances: names(feedOptions.substances),
    countries: names(feedOptions.countries),
    kinds: names(feedOptions.kinds),
    agencies: names(feedOptions.agencies),
  };
  const join = (ids: string[], map: Map<string, string>) => ids.map((id) => map.get(id) ?? id).join(", ");
  return (s: Subscription) =>
    [
      s.crossingIds.length ? t("describe.crossings", { list: join(s.crossingIds, label.crossings) }) : null,
      s.substanceIds.length ? t("describe.substances", { list: join(s.substanceIds, label.substances) }) : null,
      s.countryCodes.length ? t("describe.countries", { role: t(`countryRole.${s.countryRole}`), list: join(s.countryCodes, label.countries) }) : null,
      s.kinds.length ? t("describe.kinds", { list: join(s.kinds, label.kinds) }) : null,
      s.agencyIds.length ? t("describe.agencies", { list: join(s.agencyIds, label.agencies) }) : null,
    ]
      .filter(Boolean)
      .join(" · ");
}

/** The notices the reader watches, each with its delivery. */
async function WatchesCard({ watches, savedId }: { watches: Subscription[]; savedId: string | null }) {
  const t = await getTranslations("subscriptions");
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t("list.watches")}</h2>
      {watches.length ? (
        <ul className="divide-y divide-slate-200">
          {watches.map((s) => {
            const text = s.noticeTitle ?? t("list.unavailable");
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                {s.noticeTitle ? <TextLink href={`/notices/${s.noticeId}`}>{text}</TextLink> : <span className="text-sm text-slate-600">{text}</span>}
                <SubscriptionControls key={`${s.id}-${s.delivery}`} id={s.id} delivery={s.delivery} label={text} saved={s.id === savedId} />
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("list.noWatches")}</p>
      )}
    </Card>
  );
}

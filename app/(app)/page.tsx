import { getLocale, getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { PageHeader } from "~/app/_components/ui";
import { FeedFilterForm, filterOptions, readDisplay } from "./_components/feed-filters";
import { FeedResults } from "./_components/feed-results";
import { PinnedAlerts } from "./moderation/_components/pinned";

/** Home: the feed of everything released to the viewer, newest first; filtering leads to /feed. */
export default async function HomePage() {
  const viewer = await requireViewer();
  const caller = await api();
  const [t, common, locale, options, page, count] = await Promise.all([
    getTranslations("feed"),
    getTranslations("common"),
    getLocale(),
    filterOptions(),
    caller.notices.feed({}),
    caller.notices.feedCount({}),
  ]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <p className="-mt-4 mb-4 text-sm text-slate-600" data-testid="viewer-line">
        {t("you")}{" "}
        <bdi className="font-medium text-slate-900" data-testid="viewer-name">
          {viewer.name}
        </bdi>
        {" · "}
        <span data-testid="viewer-agency">{localized(viewer.agencyName, locale)}</span>
        {" · "}
        {common(`roles.${viewer.role}`)}
      </p>
      <FeedFilterForm values={{}} errors={{}} options={options} active={false} />
      <PinnedAlerts />
      <FeedResults filters={{}} display={readDisplay({})} count={count} items={page.items} nextCursor={page.nextCursor} empty={t("list.empty")} />
    </>
  );
}

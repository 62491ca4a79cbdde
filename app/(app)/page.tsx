import { getLocale, getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { PageHeader } from "~/app/_components/ui";
import { homeKind } from "./_components/home/data";
import { AnalystHome, ChiefHome, CoordinatorHome } from "./_components/home/role-homes";
import { PinnedAlerts } from "./moderation/_components/pinned";

/**
 * Home: what the viewer's role works from (issue 18). An analyst: the agency's latest, drafts,
 * releases waiting, alerts about to expire. A chief: the duty station and followed crossings, what
 * waits for release, active company alerts there. A coordinator: the region's picture, the
 * moderation queue, agencies gone quiet. The feed is a link away; everything is of the visible set.
 */
export default async function HomePage() {
  const viewer = await requireViewer();
  const caller = await api();
  const [t, feed, common, locale] = await Promise.all([getTranslations("home"), getTranslations("feed"), getTranslations("common"), getLocale()]);
  const kind = homeKind(viewer);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t(`subtitle.${kind}`)} />
      <p className="-mt-4 mb-4 text-sm text-slate-600" data-testid="viewer-line">
        {feed("you")}{" "}
        <bdi className="font-medium text-slate-900" data-testid="viewer-name">
          {viewer.name}
        </bdi>
        {" · "}
        <span data-testid="viewer-agency">{localized(viewer.agencyName, locale)}</span>
        {" · "}
        {common(`roles.${viewer.role}`)}
      </p>
      <PinnedAlerts />
      {kind === "coordinator" ? (
        <CoordinatorHome caller={caller} viewer={viewer} />
      ) : kind === "chief" ? (
        <ChiefHome caller={caller} viewer={viewer} />
      ) : (
        <AnalystHome caller={caller} viewer={viewer} />
      )}
    </>
  );
}

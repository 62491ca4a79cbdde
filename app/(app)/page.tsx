import { getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { Card, Facts, PageHeader, TextLink } from "~/app/_components/ui";

export default async function HomePage() {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <PageHeader title={t("home.welcome", { name: viewer.name })} subtitle={t("home.feedSoon")} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("home.you")}</h2>
          <Facts
            items={[
              { label: t("home.name"), value: <span data-testid="viewer-name">{viewer.name}</span> },
              { label: t("home.email"), value: viewer.email },
              { label: t("home.agency"), value: <span data-testid="viewer-agency">{localized(viewer.agencyName, locale)}</span> },
              { label: t("home.role"), value: t(`common.roles.${viewer.role}`) },
              {
                label: t("home.dutyStation"),
                value: viewer.dutyStationId ? <TextLink href={`/crossings/${viewer.dutyStationId}`}>{viewer.dutyStationId}</TextLink> : null,
              },
              { label: t("home.timeZone"), value: viewer.timeZone },
            ]}
          />
        </Card>
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("home.shortcuts")}</h2>
          <ul className="space-y-2 text-sm">
            <li><TextLink href="/crossings">{t("common.nav.crossings")}</TextLink> — {t("home.crossingsHint")}</li>
            <li><TextLink href="/substances">{t("common.nav.substances")}</TextLink> — {t("home.substancesHint")}</li>
            <li><TextLink href="/agencies">{t("common.nav.agencies")}</TextLink> — {t("home.agenciesHint")}</li>
            <li><TextLink href="/profile">{t("common.nav.profile")}</TextLink> — {t("home.profileHint")}</li>
          </ul>
        </Card>
      </div>
    </>
  );
}

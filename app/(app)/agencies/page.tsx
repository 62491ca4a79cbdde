import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { FollowButton } from "~/app/(app)/_components/follow-button";
import { Badge, Card, PageHeader } from "~/app/_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("agencies"))("title") };
}

export default async function AgencyDirectoryPage() {
  await requireViewer();
  const [groups, t, locale] = await Promise.all([(await api()).agencies.directory(), getTranslations("agencies"), getLocale()]);
  const collator = new Intl.Collator(locale);

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {groups.length === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
      <div className="space-y-6">
        {groups.map((group) => {
          const key = group.country?.code ?? "international";
          const agencies = group.agencies
            .map((agency) => ({ ...agency, label: localized(agency.name, locale) }))
            .sort((a, b) => collator.compare(a.label, b.label));
          return (
            <Card key={key}>
              <div data-testid={`agency-group-${key}`}>
                <h2 className="mb-3 text-lg font-semibold">{group.country ? localized(group.country.name, locale) : t("international")}</h2>
                <ul className="divide-y divide-slate-100">
                  {agencies.map((agency) => (
                    <li
                      key={agency.id}
                      id={`agency-${agency.id}`}
                      data-testid={`agency-${agency.id}`}
                      className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4"
                    >
                      <div>
                        <p className="font-medium text-slate-900">{agency.label}</p>
                        <p className="text-sm text-slate-600">
                          {agency.shortName}
                          {agency.seat ? <> · {t("seat", { country: localized(agency.seat.name, locale) })}</> : null}
                        </p>
                      </div>
                      <div className="flex shrink-0 flex-wrap items-center gap-2">
                        <Badge>{t(`kinds.${agency.kind}`)}</Badge>
                        <FollowButton target="agency" id={agency.id} />
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            </Card>
          );
        })}
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { FeedSection } from "~/app/(app)/_components/notice-table";
import { localized } from "~/app/_components/names";
import { anyUntranslated, ReferenceText } from "~/app/_components/reference-text";
import { FollowButton } from "~/app/(app)/_components/follow-button";
import { ReportSeizureLink } from "~/app/(app)/_components/report-seizure-link";
import { Card, Facts, PageHeader, TextLink } from "~/app/_components/ui";
import { ZReferenceGet } from "~/schemas/reference";

type Props = { params: Promise<{ id: string }> };

// The page and its title share one read per request; a malformed id is as absent as an unknown one.
const load = cache(async (id: string) => {
  const input = ZReferenceGet.safeParse({ id });
  if (!input.success) notFound();
  return orNotFound((await api()).reference.substances.get(input.data));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const substance = await load((await params).id);
  return { title: localized(substance.name, await getLocale()) };
}

export default async function SubstancePage({ params }: Props) {
  const viewer = await requireViewer();
  const substance = await load((await params).id);
  const [t, feed, locale] = await Promise.all([getTranslations("reference"), getTranslations("feed"), getLocale()]);
  const table = t(`tables.${substance.conventionTable}`);
  const texts = substanceTexts(substance);
  const group = substance.groupName && t.has(`groups.${substance.groupName}`) ? t(`groups.${substance.groupName}`) : substance.groupName;

  return (
    <>
      <p className="mb-2 text-sm">
        <TextLink href="/substances">← {t("substance.back")}</TextLink>
      </p>
      <PageHeader
        title={localized(substance.name, locale)}
        subtitle={t("substance.subtitle", { table })}
        actions={
          <>
            <FollowButton target="substance" id={substance.id} />
            <ReportSeizureLink viewer={viewer} prefill={{ substance: substance.id }} />
          </>
        }
      />
      {anyUntranslated(locale, ...Object.values(texts)) ? <p className="mb-4 text-sm text-slate-600">{t("sourceLanguage")}</p> : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("substance.names")}</h2>
          <Facts
            items={[
              { label: t("substance.nameEn"), value: <span lang="en">{substance.name.en}</span> },
              { label: t("substance.nameRu"), value: <span lang="ru">{substance.name.ru}</span> },
              { label: t("substance.nameZh"), value: substance.name.zh ? <span lang="zh">{substance.name.zh}</span> : null },
              {
                label: t("substance.aliases"),
                value:
                  substance.aliases.length === 0 ? null : (
                    <ul className="space-y-1">
                      {substance.aliases.map((alias) => (
                        <li key={alias}>{alias}</li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </Card>
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("substance.identification")}</h2>
          <Facts
            items={[
              { label: t("substance.cas"), value: substance.cas ? <span className="font-mono">{substance.cas}</span> : null },
              { label: t("substance.hsCode"), value: substance.hsCode ? <span className="font-mono">{substance.hsCode}</span> : null },
              { label: t("substance.table"), value: table },
              ...(group ? [{ label: t("substance.group"), value: group }] : []),
              { label: t("substance.controlHistory"), value: <ReferenceText texts={texts.controlHistory} locale={locale} /> },
            ]}
          />
        </Card>
        <UsesCard substance={substance} locale={locale} />
      </div>
      <FeedSection
        filters={{ substanceId: substance.id }}
        title={feed("substanceSection.title")}
        allLabel={feed("substanceSection.all")}
        empty={feed("substanceSection.empty")}
        href={`/substances/${substance.id}`}
      />
    </>
  );
}

type Substance = Awaited<ReturnType<typeof load>>;

/** The substance's free texts, each in the three languages. */
function substanceTexts(substance: Substance) {
  return {
    illicitUse: { en: substance.illicitUse, ru: substance.illicitUseRu, zh: substance.illicitUseZh },
    licitUses: { en: substance.licitUses, ru: substance.licitUsesRu, zh: substance.licitUsesZh },
    controlHistory: { en: substance.controlHistory, ru: substance.controlHistoryRu, zh: substance.controlHistoryZh },
  };
}

/** What the substance is used for, lawfully and not, and its density (for a volume seized). */
async function UsesCard({ substance, locale }: { substance: Substance; locale: string }) {
  const t = await getTranslations("reference");
  const texts = substanceTexts(substance);
  return (
    <Card className="md:col-span-2">
      <h2 className="mb-4 text-lg font-semibold">{t("substance.uses")}</h2>
      <Facts
        items={[
          { label: t("substance.illicitUse"), value: <ReferenceText texts={texts.illicitUse} locale={locale} /> },
          { label: t("substance.licitUses"), value: <ReferenceText texts={texts.licitUses} locale={locale} /> },
          ...(substance.densityGPerMl === null
            ? []
            : [
                {
                  label: t("substance.density"),
                  value: (
                    <>
                      {t("substance.densityValue", { value: substance.densityGPerMl })}
                      <span className="block text-xs text-slate-500">{t("substance.densityHint")}</span>
                    </>
                  ),
                },
              ]),
        ]}
      />
    </Card>
  );
}

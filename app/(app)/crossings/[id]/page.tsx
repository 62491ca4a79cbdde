import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { FollowButton } from "~/app/(app)/_components/follow-button";
import { FeedSection } from "~/app/(app)/_components/notice-table";
import { ReportSeizureLink } from "~/app/(app)/_components/report-seizure-link";
import { localizedText } from "~/app/_components/names";
import { anyUntranslated, ReferenceText } from "~/app/_components/reference-text";
import { Badge, Card, Facts, PageHeader, TextLink } from "~/app/_components/ui";
import { ZReferenceGet } from "~/schemas/reference";
import { CrossingCurationForm } from "~/app/(app)/moderation/_components/curation-forms";
import { CrossingModes, CrossingStatus } from "../_components/badges";
import { crossingLabels } from "../_components/labels";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ curated?: string | string[] }> };

// The page and its title share one read per request; a malformed id is as absent as an unknown one.
const load = cache(async (id: string) => {
  const input = ZReferenceGet.safeParse({ id });
  if (!input.success) notFound();
  return orNotFound((await api()).reference.crossings.get(input.data));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const crossing = await load((await params).id);
  return { title: (await crossingLabels()).name(crossing.name) };
}

export default async function CrossingPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const crossing = await load((await params).id);
  const [t, feed, label, locale] = await Promise.all([getTranslations("reference"), getTranslations("feed"), crossingLabels(), getLocale()]);
  const texts = crossingTexts(crossing);
  const notes = localizedText(texts.notes, locale);

  return (
    <>
      <p className="mb-2 text-sm">
        <TextLink href="/crossings">← {t("crossing.back")}</TextLink>
      </p>
      <PageHeader
        title={label.name(crossing.name)}
        subtitle={`${label.pair(crossing)} · ${label.kind(crossing.kind)}`}
        actions={
          <>
            <CrossingStatus status={crossing.status} />
            <FollowButton target="crossing" id={crossing.id} />
            <ReportSeizureLink viewer={viewer} prefill={{ crossing: crossing.id }} />
          </>
        }
      />
      {anyUntranslated(locale, ...Object.values(texts)) ? <p className="mb-4 text-sm text-slate-600">{t("sourceLanguage")}</p> : null}
      <div className="grid gap-6 md:grid-cols-2">
        <OverviewCard crossing={crossing} />
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("crossing.notes")}</h2>
          {!notes.text?.length ? (
            <p className="text-sm text-slate-600">{t("crossing.noNotes")}</p>
          ) : (
            <ul className="list-disc space-y-2 pl-5 text-sm" lang={notes.lang}>
              {notes.text.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
          )}
        </Card>
        {viewer.permissions.has("reference.curate") ? (
          <Card className="md:col-span-2">
            <CrossingCurationForm id={crossing.id} status={crossing.status} schedule={texts.scheduleNote} saved={(await searchParams).curated === "1"} />
          </Card>
        ) : null}
        <AssessmentCard crossing={crossing} />
      </div>
      <FeedSection
        filters={{ crossingId: crossing.id }}
        title={feed("crossingSection.title")}
        allLabel={feed("crossingSection.all")}
        empty={feed("crossingSection.empty")}
        href={`/crossings/${crossing.id}`}
      />
    </>
  );
}

type Crossing = Awaited<ReturnType<typeof load>>;

/** The crossing's free texts, each in the three languages. */
function crossingTexts(crossing: Crossing) {
  return {
    scheduleNote: { en: crossing.scheduleNote, ru: crossing.scheduleNoteRu, zh: crossing.scheduleNoteZh },
    notes: { en: crossing.notes, ru: crossing.notesRu, zh: crossing.notesZh },
    traffic2005: { en: crossing.traffic2005, ru: crossing.traffic2005Ru, zh: crossing.traffic2005Zh },
    controls2005: { en: crossing.controls2005, ru: crossing.controls2005Ru, zh: crossing.controls2005Zh },
  };
}

/** Where the crossing is and what passes it: countries, the Chinese port, kind, modes, height, place, status. */
async function OverviewCard({ crossing }: { crossing: Crossing }) {
  const [t, format, label, locale] = await Promise.all([getTranslations("reference"), getFormatter(), crossingLabels(), getLocale()]);
  const degrees = (value: number) => format.number(Math.abs(value), { maximumFractionDigits: 4 });
  const { latitude, longitude } = crossing;
  const coordinates =
    latitude === null || longitude === null ? null : (
      <>
        {t("coordinatePair", {
          latitude: t("latitude", { hemisphere: latitude >= 0 ? "north" : "south", value: degrees(latitude) }),
          longitude: t("longitude", { hemisphere: longitude >= 0 ? "east" : "west", value: degrees(longitude) }),
        })}
        {crossing.coordsVerified ? null : (
          <span className="ml-2">
            <Badge tone="amber">{t("crossing.coordinatesUnverified")}</Badge>
          </span>
        )}
      </>
    );
  const chinesePort =
    crossing.neighborPortEn || crossing.name.zh ? (
      <>
        {crossing.neighborPortEn ? <span lang="en">{crossing.neighborPortEn}</span> : null}
        {crossing.neighborPortEn && crossing.name.zh ? " · " : null}
        {crossing.name.zh ? <span lang="zh">{crossing.name.zh}</span> : null}
      </>
    ) : null;
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("crossing.overview")}</h2>
      <Facts
        items={[
          { label: t("crossing.countries"), value: label.pair(crossing) },
          ...(crossing.neighbor.code === "CN" ? [{ label: t("crossing.chinesePort"), value: chinesePort }] : []),
          { label: t("crossing.kind"), value: label.kind(crossing.kind) },
          { label: t("crossing.modes"), value: <CrossingModes modes={crossing.modes} /> },
          { label: t("crossing.elevation"), value: label.elevation(crossing.elevationM) },
          { label: t("crossing.coordinates"), value: coordinates },
          { label: t("crossing.status"), value: <CrossingStatus status={crossing.status} /> },
          { label: t("crossing.schedule"), value: <ReferenceText texts={crossingTexts(crossing).scheduleNote} locale={locale} /> },
        ]}
      />
    </Card>
  );
}

/** The 2005 assessment (risk, traffic, controls), in the reader's language: quoted in translation outside English. */
async function AssessmentCard({ crossing }: { crossing: Crossing }) {
  const [t, locale] = await Promise.all([getTranslations("reference"), getLocale()]);
  const texts = crossingTexts(crossing);
  const risk = crossing.risk2005 && t.has(`risk.${crossing.risk2005}`) ? t(`risk.${crossing.risk2005}`) : crossing.risk2005;
  const hasAssessment = Boolean(crossing.risk2005 || crossing.traffic2005 || crossing.controls2005);
  return (
    <Card className="md:col-span-2">
      <h2 className="mb-1 text-lg font-semibold">{t("crossing.assessment")}</h2>
      {hasAssessment ? (
        <>
          <p className="mb-4 text-sm text-slate-600">
            {t("crossing.assessmentIntro")}
            {locale === "en" ? null : ` ${t("crossing.assessmentInTranslation")}`}
          </p>
          <Facts
            items={[
              { label: t("crossing.risk"), value: risk },
              { label: t("crossing.traffic"), value: <ReferenceText texts={texts.traffic2005} locale={locale} /> },
              { label: t("crossing.controls"), value: <ReferenceText texts={texts.controls2005} locale={locale} /> },
            ]}
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("crossing.noAssessment")}</p>
      )}
    </Card>
  );
}

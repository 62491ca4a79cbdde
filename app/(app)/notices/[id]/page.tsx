import type { Metadata } from "next";
import { MarkdownText } from "~/app/_components/markdown";
import { api, requireViewer } from "~/app/_trpc/server";
import { Badge, Card, Facts, TextLink } from "~/app/_components/ui";
import { NoticeExports, NoticeExportsLink } from "./_components/exports";
import { ReadLog, VersionHistory } from "./_components/history";
import { KindDetails } from "./_components/kind-details";
import { loadNotice, noticeLabels } from "./_components/labels";
import { MarkingPanel, StatusBanner } from "./_components/marking";
import { NoticeActions } from "./_components/notice-actions";
import { WatchButton } from "./_components/watch-button";
import { NoticeModeration } from "../../moderation/_components/notice-moderation";
import { RelatedNotices } from "./_components/related";
import { Correlations } from "./_components/correlations";
import { ReleasedTo, Tags, When, Where } from "./_components/values";
import { isolate } from "~/app/_components/isolate";

type Props = {
  params: Promise<{ id: string }>;
  searchParams?: Promise<{ done?: string | string[]; report?: string | string[]; retract?: string | string[]; pics?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { notice } = await loadNotice((await params).id);
  return { title: isolate(notice.title) };
}

const DETAIL_SECTION = { seizure: "seizure", company_alert: "companyAlert", arrest: "arrest" } as const;

export default async function NoticePage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const { notice, links, versions, can } = await loadNotice((await params).id);
  const mayWatch = viewer.permissions.has("subscription.manage");
  const watching = mayWatch ? (await (await api()).subscriptions.watching({ noticeId: notice.id })).delivery : null;
  // Where a status change posted without JavaScript lands.
  const query = await searchParams;
  const doneParam = query?.done;
  const done = doneParam === "submitted" || doneParam === "released" || doneParam === "retracted" ? doneParam : null;
  const label = await noticeLabels();
  const { t } = label;

  return (
    <article aria-labelledby="notice-title" data-testid="notice" data-notice-id={notice.id}>
      <p className="mb-2 text-sm">
        <TextLink href="/feed">← {t("notice.back")}</TextLink>
      </p>
      <MarkingPanel notice={notice} />
      <header className="mb-4">
        <div className="mb-2 flex flex-wrap items-center gap-2 text-xs">
          <Badge>{t(`vocab.kind.${notice.kind}`)}</Badge>
          <Badge tone={notice.status === "published" ? "green" : notice.status === "retracted" ? "red" : "amber"}>{t(`vocab.status.${notice.status}`)}</Badge>
          {versions.length > 0 ? (
            can.pastVersions ? (
              <TextLink href={`/notices/${notice.id}/history`} data-testid="edited-indicator">
                <Badge>{t("notice.edited", { count: versions.length })}</Badge>
              </TextLink>
            ) : (
              <span data-testid="edited-indicator">
                <Badge>{t("notice.edited", { count: versions.length })}</Badge>
              </span>
            )
          ) : null}
        </div>
        <h1 id="notice-title" className="break-words text-2xl font-semibold text-brand-900">
          <bdi>{notice.title}</bdi>
        </h1>
      </header>
      <StatusBanner notice={notice} />
      <div className="mb-4">
        <NoticeModeration notice={notice} report={{ opened: query?.report === "open", sent: doneParam === "reported" }} />
      </div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <NoticeActions id={notice.id} can={can} done={done} retractOpened={query?.retract === "open"} />
        {mayWatch ? <WatchButton noticeId={notice.id} watching={watching} /> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        {/* min-w-0: a wide table scrolls inside its column instead of widening the page on a phone. */}
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{t("notice.section.narrative")}</h2>
            {notice.narrative ? <MarkdownText>{notice.narrative}</MarkdownText> : <p className="text-sm text-slate-600">{t("notice.noNarrative")}</p>}
          </Card>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{t(`notice.section.${DETAIL_SECTION[notice.kind]}`)}</h2>
            <KindDetails notice={notice} />
          </Card>
          <Correlations id={notice.id} />
          <RelatedNotices id={notice.id} links={links} canLink={can.link} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{t("notice.section.summary")}</h2>
            <Facts
              items={[
                { label: t("notice.field.when"), value: <When notice={notice} /> },
                { label: t("notice.field.where"), value: <Where notice={notice} /> },
                { label: t("notice.field.agency"), value: `${label.name(notice.agency.names)} (${notice.agency.shortName})` },
                { label: t("notice.field.author"), value: <bdi>{notice.author.name}</bdi> },
                { label: t("notice.field.release"), value: <ReleasedTo notice={notice} /> },
                { label: t("notice.field.tags"), value: <Tags tags={notice.tags} /> },
                { label: t("notice.field.publishedAt"), value: notice.publishedAt ? label.dateTime(notice.publishedAt) : null },
                ...(notice.releasedBy ? [{ label: t("notice.field.releasedBy"), value: notice.releasedBy.name }] : []),
                { label: t("notice.field.updatedAt"), value: label.dateTime(notice.updatedAt) },
              ]}
            />
          </Card>
          {query?.pics === "open" ? <NoticeExports id={notice.id} kind={notice.kind} /> : <NoticeExportsLink label={t("exports.notice.open")} />}
          <VersionHistory id={notice.id} versions={versions} pastVersions={can.pastVersions} />
          {can.readLog ? <ReadLog notice={notice} /> : null}
        </div>
      </div>
    </article>
  );
}

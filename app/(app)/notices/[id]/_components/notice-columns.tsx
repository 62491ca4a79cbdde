import type { ReactNode } from "react";
import { MarkdownText } from "~/app/_components/markdown";
import { api } from "~/app/_trpc/server";
import { Card, Facts } from "~/app/_components/ui";
import { DeconflictionHint } from "~/app/(app)/_components/deconfliction-hint";
import { Correlations } from "./correlations";
import { NoticeExports, NoticeExportsLink } from "./exports";
import { ReadLog, VersionHistory } from "./history";
import { KindDetails } from "./kind-details";
import type { loadNotice, noticeLabels } from "./labels";
import { RelatedNotices } from "./related";
import { ReleasedTo, Tags, When, Where } from "./values";

type Loaded = Awaited<ReturnType<typeof loadNotice>>;
type Label = Awaited<ReturnType<typeof noticeLabels>>;

const DETAIL_SECTION = { seizure: "seizure", company_alert: "companyAlert", arrest: "arrest" } as const;

/** What the notice says and what it meets elsewhere: narrative, details, correlations, deconfliction, links. */
export async function NoticeMain({ loaded, label, deconfliction }: { loaded: Loaded; label: Label; deconfliction?: string }) {
  const { notice, links, can } = loaded;
  const { t } = label;
  const hints = await (await api()).deconfliction.hints({ id: notice.id });
  return (
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
      <DeconflictionHint lines={hints} back={`/notices/${notice.id}`} fromNoticeId={notice.id} done={deconfliction} />
      <RelatedNotices id={notice.id} links={links} canLink={can.link} />
    </div>
  );
}

/** Who, when, where and to whom, its exports, its history, and last `children` (the report form). */
export function NoticeSide({ loaded, label, picsOpen, children }: { loaded: Loaded; label: Label; picsOpen: boolean; children?: ReactNode }) {
  const { notice, versions, can } = loaded;
  const { t } = label;
  return (
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
      {picsOpen ? <NoticeExports id={notice.id} kind={notice.kind} /> : <NoticeExportsLink label={t("exports.notice.open")} />}
      <VersionHistory id={notice.id} versions={versions} pastVersions={can.pastVersions} />
      {can.readLog ? <ReadLog notice={notice} /> : null}
      {children}
    </div>
  );
}

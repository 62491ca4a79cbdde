import type { Metadata } from "next";
import { api, requireViewer } from "~/app/_trpc/server";
import { TextLink } from "~/app/_components/ui";
import { loadNotice, noticeLabels } from "./_components/labels";
import { MarkingPanel, StatusBanner } from "./_components/marking";
import { NoticeActions } from "./_components/notice-actions";
import { NoticeMain, NoticeSide } from "./_components/notice-columns";
import { NoticeHeader } from "./_components/notice-header";
import { WatchButton } from "./_components/watch-button";
import { NoticeModeration, NoticeReport } from "../../moderation/_components/notice-moderation";
import { isolate } from "~/app/_components/isolate";

type Param = string | string[];
type Props = {
  params: Promise<{ id: string }>;
  searchParams?: Promise<{ done?: Param; report?: Param; retract?: Param; pics?: Param; deconfliction?: Param }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { notice } = await loadNotice((await params).id);
  return { title: isolate(notice.title) };
}

// Where a status change posted without JavaScript lands.
const DONE = ["submitted", "released", "retracted"] as const;
const doneOf = (param: Param | undefined) => DONE.find((d) => d === param) ?? null;

export default async function NoticePage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const loaded = await loadNotice((await params).id);
  const { notice, can } = loaded;
  const mayWatch = viewer.permissions.has("subscription.manage");
  const watching = mayWatch ? (await (await api()).subscriptions.watching({ noticeId: notice.id })).delivery : null;
  const query = await searchParams;
  const label = await noticeLabels();
  const deconfliction = typeof query?.deconfliction === "string" ? query.deconfliction : undefined;

  return (
    <article aria-labelledby="notice-title" data-testid="notice" data-notice-id={notice.id}>
      <p className="mb-2 text-sm">
        <TextLink href="/feed">← {label.t("notice.back")}</TextLink>
      </p>
      <MarkingPanel notice={notice} />
      <NoticeHeader notice={notice} versions={loaded.versions} can={can} t={label.t} />
      <StatusBanner notice={notice} />
      <div className="mb-4">
        <NoticeModeration notice={notice} />
      </div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <NoticeActions id={notice.id} can={can} done={doneOf(query?.done)} retractOpened={query?.retract === "open"} />
        {mayWatch ? <WatchButton noticeId={notice.id} watching={watching} /> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        {/* min-w-0: a wide table scrolls inside its column instead of widening the page on a phone. */}
        <NoticeMain loaded={loaded} label={label} deconfliction={deconfliction} />
        <NoticeSide loaded={loaded} label={label} picsOpen={query?.pics === "open"}>
          <NoticeReport notice={notice} report={{ opened: query?.report === "open", sent: query?.done === "reported" }} />
        </NoticeSide>
      </div>
    </article>
  );
}

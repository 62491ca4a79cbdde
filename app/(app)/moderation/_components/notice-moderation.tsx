import { getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { Card, TextLink } from "~/app/_components/ui";
import type { NoticeStatus } from "~/schemas/notice-enums";
import { HELD } from "~/schemas/notice-lifecycle";
import { ReportForm } from "./report-form";

const held = (status: NoticeStatus): status is (typeof HELD)[number] => (HELD as readonly NoticeStatus[]).includes(status);

/**
 * What moderation says about a notice on its page: the agencies it credits, why a coordinator
 * held, sent back, rejected or merged it (the latest decision, which its agency may read), where
 * a merged notice lives now.
 */
export async function NoticeModeration({ notice }: { notice: { id: string; status: NoticeStatus; agency: { id: string } } }) {
  const viewer = await requireViewer();
  const caller = await api();
  const t = await getTranslations("moderation.notice");
  const ownAgency = notice.agency.id === viewer.agencyId;
  const [credits, log, redirect] = await Promise.all([
    caller.moderation.credits({ id: notice.id }),
    (ownAgency || viewer.permissions.has("moderation.review")) && viewer.permissions.has("moderation.log")
      ? caller.moderation.log({ noticeId: notice.id, limit: 1 })
      : null,
    notice.status === "merged" ? caller.moderation.redirect({ id: notice.id }) : null,
  ]);
  const latest = log?.items[0];
  return (
    <div className="space-y-4" data-testid="notice-moderation">
      {credits.length ? (
        <p className="text-sm text-slate-700" data-testid="notice-credits">
          {t("credits", { agencies: credits.map((c) => c.shortName).join(", ") })}
        </p>
      ) : null}
      {held(notice.status) ? (
        <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="moderation-banner">
          <p className="font-semibold">{t(`status.${notice.status}`)}</p>
          {latest?.reason ? <p className="mt-1 whitespace-pre-line">{t("reason", { reason: latest.reason })}</p> : null}
          {redirect?.id ? (
            <p className="mt-1">
              <TextLink href={`/notices/${redirect.id}`}>{t("mergedInto")}</TextLink>
            </p>
          ) : null}
        </div>
      ) : null}
      {viewer.permissions.has("moderation.review") ? (
        <p className="text-sm">
          <TextLink href={`/moderation/${notice.id}`}>{t("review")}</TextLink>
        </p>
      ) : null}
    </div>
  );
}

/**
 * The report form for a published notice's readers, beside its content rather than above it: on a
 * phone the notice is read first.
 */
export async function NoticeReport({
  notice,
  report,
}: {
  notice: { id: string; status: NoticeStatus };
  /** The report form, opened or just sent, as the page's address says (for browsers without JavaScript). */
  report: { opened: boolean; sent: boolean };
}) {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("notice.report") || notice.status !== "published") return null;
  const t = await getTranslations("moderation.notice");
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">{t("reportHeading")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("reportIntro")}</p>
      <ReportForm id={notice.id} opened={report.opened} sent={report.sent} />
    </Card>
  );
}

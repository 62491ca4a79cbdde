import { TlpBadge } from "~/app/_components/tlp-badge";
import { noticeLabels, type Notice } from "./labels";
import { Grading, Handling } from "./values";

/**
 * The marking first, before anything else of the notice: who may see it, how far the source and
 * the information can be trusted, and how the reader may use it.
 */
export async function MarkingPanel({ notice }: { notice: Notice }) {
  const { t } = await noticeLabels();
  return (
    <section aria-label={t("notice.marking.label")} className="mb-4 rounded-lg border-2 border-slate-800 bg-white p-4" data-testid="notice-marking">
      <div className="flex flex-wrap items-center gap-3">
        <TlpBadge tlp={notice.tlp} />
        <p className="text-sm text-slate-800">{t(`vocab.tlpMeaning.${notice.tlp}`)}</p>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-500">{t("notice.marking.grading")}</dt>
        <dd data-testid="notice-grading">
          <Grading notice={notice} />
        </dd>
        <dt className="font-medium text-slate-500">{t("notice.marking.handling")}</dt>
        <dd>
          <Handling code={notice.handlingCode} />
        </dd>
      </dl>
    </section>
  );
}

/** Retracted, waiting for release, or a draft: said before the content, in words and colour. */
export async function StatusBanner({ notice }: { notice: Notice }) {
  const label = await noticeLabels();
  const { t } = label;
  if (notice.status === "retracted") {
    return (
      <div role="note" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900" data-testid="retracted-banner">
        <p className="font-semibold">{t("notice.banner.retracted", { date: notice.retractedAt ? label.dateTime(notice.retractedAt) : "—" })}</p>
        <p className="mt-1 whitespace-pre-line">{t("notice.banner.retractedReason", { reason: notice.retractedReason ?? "—" })}</p>
        <p className="mt-1 text-red-800">{t("notice.banner.retractedNote")}</p>
      </div>
    );
  }
  if (notice.status === "pending_release" || notice.status === "draft") {
    return (
      <div role="note" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid={`${notice.status}-banner`}>
        {notice.status === "draft" ? t("notice.banner.draft") : t("notice.banner.pendingRelease", { agency: label.name(notice.agency.names) })}
      </div>
    );
  }
  return null;
}

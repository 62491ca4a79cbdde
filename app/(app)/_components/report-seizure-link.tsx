import { getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { Viewer } from "~/server/auth/sessions";
import { newNoticeHref, type NoticePrefill } from "./new-notice";

/** "Report a seizure here": the seizure form, already naming this crossing or substance. */
export async function ReportSeizureLink({ viewer, prefill }: { viewer: Viewer; prefill: NoticePrefill }) {
  // Shown to whoever may open the form, by the same permission the form's page checks.
  if (!viewer.permissions.has("notice.create")) return null;
  const t = await getTranslations("noticeForm");
  return (
    <Link
      href={newNoticeHref("seizure", prefill)}
      className="inline-flex min-h-9 items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      data-testid="report-seizure"
    >
      {t("reportHere")}
    </Link>
  );
}

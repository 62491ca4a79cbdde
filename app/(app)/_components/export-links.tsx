import { getTranslations } from "next-intl/server";
import { textLinkClass } from "~/app/_components/styles";
import { EXPORT_LIMIT, selectionParams, type ExportSelection } from "~/schemas/exports";

/**
 * Download links for what a page shows (its filters, its search, its notice), as plain links:
 * the browser downloads the file the route handler writes, with no script on the page.
 */
export async function ExportLinks({ selection }: { selection: ExportSelection }) {
  const t = await getTranslations("exports.links");
  const query = selectionParams(selection).toString();
  return (
    <p
      className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700"
      data-testid="export-links"
      title={t("hint", { limit: EXPORT_LIMIT })}
    >
      <span>{t("label")}:</span>
      <a className={textLinkClass} href={`/exports/notices.csv?${query}`} download>
        {t("csv")}
      </a>
      <a className={textLinkClass} href={`/exports/notices.stix.json?${query}`} download>
        {t("stix")}
      </a>
    </p>
  );
}

import { getTranslations } from "next-intl/server";
import { api } from "~/app/_trpc/server";
import { textLinkClass } from "~/app/_components/styles";
import { Card, TextLink } from "~/app/_components/ui";
import type { NoticeKind } from "~/schemas/notice-enums";
import { ExportLinks } from "../../../_components/export-links";

/**
 * The way to a notice's downloads and PICS summary. The notice page is at its weight budget
 * (bench:weight): a plain link, drawn in the page's own render (an async component would be a row
 * of its own in the payload) with a relative address, is the least this entry can cost.
 */
export function NoticeExportsLink({ label }: { label: string }) {
  return (
    <a className={`${textLinkClass} text-sm`} href="?pics=open#exports">
      {label}
    </a>
  );
}

/**
 * A notice's downloads and, for a seizure, its PICS summary, opened by the link above
 * (`?pics=open`): server-rendered, so it works without JavaScript, and sent only when asked for.
 * The summary sits in a read-only text box, where one selection copies all of it.
 */
export async function NoticeExports({ id, kind }: { id: string; kind: NoticeKind }) {
  const t = await getTranslations("exports.notice");
  const pics = kind === "seizure" ? (await (await api()).exports.pics({ id })).text : null;
  return (
    <Card>
      <h2 id="exports" className="mb-3 text-lg font-semibold">
        {t("title")}
      </h2>
      <ExportLinks selection={{ scope: "notice", id }} />
      {pics ? (
        <div className="mb-3">
          <label htmlFor="pics-summary" className="block text-sm font-medium text-slate-800">
            {t("picsLabel")}
          </label>
          <p className="mb-1 text-xs text-slate-600">{t("picsHint")}</p>
          <textarea
            id="pics-summary"
            data-testid="pics-summary"
            readOnly
            rows={pics.split("\n").length + 1}
            defaultValue={pics}
            lang="en"
            className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs"
          />
        </div>
      ) : null}
      <TextLink href={`/notices/${id}`} className="text-sm">
        {t("close")}
      </TextLink>
    </Card>
  );
}

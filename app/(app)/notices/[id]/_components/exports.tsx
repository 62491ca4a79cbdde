import { getTranslations } from "next-intl/server";
import { api } from "~/app/_trpc/server";
import { Card, TextLink } from "~/app/_components/ui";
import type { NoticeKind } from "~/schemas/notice-enums";
import { ExportLinks } from "../../../_components/export-links";

/**
 * A notice's downloads and, for a seizure, its PICS summary: opened by a link (`?pics=open`),
 * server-rendered, so it works without JavaScript and costs the notice page one link until asked
 * for. The summary sits in a read-only text box, where one selection copies all of it.
 */
export async function NoticeExports({ id, kind, open }: { id: string; kind: NoticeKind; open: boolean }) {
  const t = await getTranslations("exports.notice");
  if (!open) {
    return (
      <p className="text-sm">
        <TextLink href={`/notices/${id}?pics=open#exports`}>{t("open")}</TextLink>
      </p>
    );
  }
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

import type { Metadata } from "next";
import { Link } from "~/app/_components/link";
import { notFound } from "next/navigation";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Card, PageHeader, TextLink } from "~/app/_components/ui";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { loadNotice, noticeLabels, type Notice } from "../_components/labels";
import { VersionDiff } from "../_components/version-diff";
import { isolate } from "~/app/_components/isolate";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ version?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ notice }, { t }] = await Promise.all([loadNotice((await params).id), noticeLabels()]);
  return { title: t("notice.history.title", { title: notice.title }) };
}

/** What each edit of a notice changed: one edit at a time, the latest unless another is chosen. */
export default async function NoticeHistoryPage({ params, searchParams }: Props) {
  await requireViewer();
  const { notice, versions, can } = await loadNotice((await params).id);
  // Earlier wording is the originating agency's (see getNoticeVersion); others see the list of edits.
  if (!can.pastVersions) notFound();
  const label = await noticeLabels();
  const { t } = label;
  const requested = Number((await searchParams).version);
  const selected = versions.find((v) => v.version === requested) ?? versions.at(-1);

  return (
    <>
      <p className="mb-2 text-sm">
        <TextLink href={`/notices/${notice.id}`}>← {t("notice.history.back")}</TextLink>
      </p>
      <div className="mb-2">
        <TlpBadge tlp={notice.tlp} />
      </div>
      <PageHeader title={t("notice.history.title", { title: notice.title })} />
      {selected ? (
        <div className="grid gap-6 lg:grid-cols-4">
          <nav aria-label={t("notice.section.history")} className="lg:col-span-1">
            <ol className="space-y-2 text-sm">
              {[...versions].reverse().map((edit) => {
                const current = edit.version === selected.version;
                return (
                  <li key={edit.version}>
                    <Link
                      href={`/notices/${notice.id}/history?version=${edit.version}`}
                      aria-current={current ? "page" : undefined}
                      className={`block rounded-md border px-3 py-2 ${current ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white hover:bg-slate-50"}`}
                    >
                      <span className="block font-medium">{t("notice.history.version", { version: edit.version + 1 })}</span>
                      <span className="block text-slate-600">{t("notice.history.editedBy", { date: label.dateTime(edit.editedAt), editor: isolate(edit.editor) })}</span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </nav>
          <div className="space-y-4 lg:col-span-3">
            <p className="text-sm text-slate-700">
              {t("notice.history.changed", { fields: label.list(selected.changedFields.map(label.fieldName)) })}
            </p>
            <EditDiff notice={notice} version={selected.version} changedFields={selected.changedFields} hasNext={versions.some((v) => v.version === selected.version + 1)} />
          </div>
        </div>
      ) : (
        <Card>
          <p className="text-sm text-slate-600">{t("notice.history.none")}</p>
        </Card>
      )}
    </>
  );
}

/**
 * The edit that turned version `version` into the next: the kept copy of `version` against the
 * kept copy of the next one, or against the notice as it is now when this was the last edit.
 */
async function EditDiff({ notice, version, changedFields, hasNext }: { notice: Notice; version: number; changedFields: string[]; hasNext: boolean }) {
  const caller = await api();
  // Versions are kept in the shape the notice is read in, so both sides render alike.
  const kept = async (v: number) => (await orNotFound(caller.notices.version({ id: notice.id, version: v }))).snapshot as Notice;
  const [before, after] = await Promise.all([kept(version), hasNext ? kept(version + 1) : notice]);
  return <VersionDiff changedFields={changedFields} before={before} after={after} beforeVersion={version} />;
}

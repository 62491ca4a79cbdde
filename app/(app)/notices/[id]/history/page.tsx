import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Card, PageHeader, TextLink } from "~/app/_components/ui";
import { TRPCError } from "@trpc/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { loadNotice, noticeLabels, type Notice } from "../_components/labels";
import { VersionDiff } from "../_components/version-diff";
import { isolate } from "~/app/_components/isolate";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ notice }, { t }] = await Promise.all([loadNotice((await params).id), noticeLabels()]);
  return { title: t("notice.history.title", { title: notice.title }) };
}

/** What each edit of a notice changed, newest first: every changed field as it was before and after. */
export default async function NoticeHistoryPage({ params }: Props) {
  await requireViewer();
  const { notice, versions, can } = await loadNotice((await params).id);
  // Earlier wording is the originating agency's (see getNoticeVersion); others see the list of edits.
  if (!can.pastVersions) notFound();
  const label = await noticeLabels();
  const { t } = label;
  const edits = [...versions].reverse();

  return (
    <>
      <p className="mb-2 text-sm">
        <TextLink href={`/notices/${notice.id}`}>← {t("notice.history.back")}</TextLink>
      </p>
      <div className="mb-2">
        <TlpBadge tlp={notice.tlp} />
      </div>
      <PageHeader title={t("notice.history.title", { title: notice.title })} />
      {edits.length > 0 ? (
        <ol className="space-y-8" data-testid="history-edits">
          {edits.map((edit) => (
            // The anchor the notice page's "See what changed" links to.
            <li key={edit.version} id={`version-${edit.version}`} aria-labelledby={`edit-${edit.version}`} className="scroll-mt-4 space-y-3">
              <h2 id={`edit-${edit.version}`} className="text-lg font-semibold">
                {t("notice.history.version", { version: edit.version + 1 })}
                <span className="font-normal text-slate-600">
                  {" "}
                  · {t("notice.history.editedBy", { date: label.dateTime(edit.editedAt), editor: isolate(edit.editor) })}
                </span>
              </h2>
              <p className="text-sm text-slate-700">{t("notice.history.changed", { fields: label.list(edit.changedFields.map(label.fieldName)) })}</p>
              <EditDiff
                notice={notice}
                version={edit.version}
                changedFields={edit.changedFields}
                hasNext={versions.some((v) => v.version === edit.version + 1)}
              />
            </li>
          ))}
        </ol>
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
 * kept copy of the next one, or against the notice as it is now when this was the last edit. A
 * version that was RED is its author's alone (getNoticeVersion): to the author's colleagues that
 * edit says so, and the rest of the history still shows.
 */
async function EditDiff({ notice, version, changedFields, hasNext }: { notice: Notice; version: number; changedFields: string[]; hasNext: boolean }) {
  const caller = await api();
  // Versions are kept in the shape the notice is read in, so both sides render alike.
  const kept = async (v: number) => {
    try {
      return (await caller.notices.version({ id: notice.id, version: v })).snapshot as Notice;
    } catch (error) {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
      throw error;
    }
  };
  const [before, after] = await Promise.all([kept(version), hasNext ? kept(version + 1) : notice]);
  if (!before || !after) return <p className="text-sm text-slate-600">{(await noticeLabels()).t("notice.history.authorOnly")}</p>;
  return <VersionDiff changedFields={changedFields} before={before} after={after} beforeVersion={version} />;
}

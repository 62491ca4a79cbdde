import { Card, Table, TextLink } from "~/app/_components/ui";
import { api } from "~/app/_trpc/server";
import { noticeLabels, type Notice, type NoticePage } from "./labels";

/**
 * Every edit, newest first. A history row holds the notice as it was before the edit, so the
 * row of version n describes the edit that made version n + 1.
 */
export async function VersionHistory({ id, versions, pastVersions }: { id: string; versions: NoticePage["versions"]; pastVersions: boolean }) {
  const label = await noticeLabels();
  const { t } = label;
  const edits = [...versions].reverse();
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">{t("notice.section.history")}</h2>
      {edits.length === 0 ? (
        <p className="text-sm text-slate-600">{t("notice.history.none")}</p>
      ) : (
        <ol className="space-y-3 text-sm" data-testid="version-history">
          {edits.map((edit) => (
            <li key={edit.version} className="rounded-md border border-slate-200 p-3">
              <p className="font-medium">
                {t("notice.history.version", { version: edit.version + 1 })}
                <span className="font-normal text-slate-600">
                  {" "}
                  · {t("notice.history.editedBy", { date: label.dateTime(edit.editedAt), editor: edit.editor })}
                </span>
              </p>
              <p className="mt-1">{t("notice.history.changed", { fields: label.list(edit.changedFields.map(label.fieldName)) })}</p>
              {pastVersions ? (
                <p className="mt-1">
                  <TextLink href={`/notices/${id}/history#version-${edit.version}`}>{t("notice.history.view")}</TextLink>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** Who read the notice; reads of CLEAR and GREEN notices are not recorded, which the section says. */
export async function ReadLog({ notice }: { notice: Notice }) {
  const label = await noticeLabels();
  const { t } = label;
  const reads = await (await api()).notices.readLog({ id: notice.id });
  const logged = notice.tlp !== "clear" && notice.tlp !== "green";
  return (
    <Card>
      <h2 className="mb-1 text-lg font-semibold">{t("notice.section.readLog")}</h2>
      <p className="mb-4 text-sm text-slate-600">{logged ? t("notice.readLog.intro") : t("notice.readLog.notLogged")}</p>
      <div data-testid="read-log">
        {reads.length === 0 ? (
          logged ? (
            <p className="text-sm text-slate-600">{t("notice.readLog.none")}</p>
          ) : null
        ) : (
          <Table head={[t("notice.readLog.reader"), t("notice.readLog.agency"), t("notice.readLog.at")]}>
            {reads.map((read, i) => (
              <tr key={i} data-testid="read-log-row">
                <td className="px-3 py-2">{read.reader ?? "—"}</td>
                <td className="px-3 py-2">{read.agency ? label.name({ en: read.agency.nameEn, ru: read.agency.nameRu, zh: read.agency.nameZh }) : "—"}</td>
                <td className="whitespace-nowrap px-3 py-2">{label.dateTime(read.at)}</td>
              </tr>
            ))}
          </Table>
        )}
      </div>
    </Card>
  );
}

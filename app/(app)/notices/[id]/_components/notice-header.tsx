import { Badge, TextLink } from "~/app/_components/ui";
import type { loadNotice, noticeLabels } from "./labels";

type Loaded = Awaited<ReturnType<typeof loadNotice>>;
type Label = Awaited<ReturnType<typeof noticeLabels>>;

/** The notice's kind, status and "edited" badges above its title. */
export function NoticeHeader({ notice, versions, can, t }: Pick<Loaded, "notice" | "versions" | "can"> & { t: Label["t"] }) {
  const edited = <Badge>{t("notice.edited", { count: versions.length })}</Badge>;
  return (
    <header className="mb-4">
      <div className="mb-2 flex flex-wrap items-center gap-2 text-xs">
        <Badge>{t(`vocab.kind.${notice.kind}`)}</Badge>
        <Badge tone={notice.status === "published" ? "green" : notice.status === "retracted" ? "red" : "amber"}>{t(`vocab.status.${notice.status}`)}</Badge>
        {versions.length > 0 ? (
          can.pastVersions ? (
            <TextLink href={`/notices/${notice.id}/history`} data-testid="edited-indicator">
              {edited}
            </TextLink>
          ) : (
            <span data-testid="edited-indicator">{edited}</span>
          )
        ) : null}
      </div>
      <h1 id="notice-title" className="break-words text-2xl font-semibold text-brand-900">
        <bdi>{notice.title}</bdi>
      </h1>
    </header>
  );
}

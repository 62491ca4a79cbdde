import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { TextLink } from "~/app/_components/ui";
import type { AppRouter } from "~/server/api/root";

type Entry = inferRouterOutputs<AppRouter>["moderation"]["log"]["items"][number];

/** Decisions with their reasons, newest first. */
export async function ModerationLogList({ items, withNotice = false }: { items: Entry[]; withNotice?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("moderation.log"), getFormatter()]);
  if (!items.length) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="space-y-3 text-sm" data-testid="moderation-log">
      {items.map((entry) => (
        <li key={entry.id} data-testid="log-entry" data-action={entry.action}>
          <p className="font-medium">
            {t(`actions.${entry.action}`)} ·{" "}
            <time dateTime={new Date(entry.at).toISOString()}>{format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "short" })}</time>
          </p>
          {withNotice ? (
            <p>
              <TextLink href={`/notices/${entry.notice.id}`}>
                <bdi>{entry.notice.title}</bdi>
              </TextLink>{" "}
              · {entry.agency.shortName}
            </p>
          ) : null}
          <p className="whitespace-pre-line text-slate-700">{entry.reason === null ? t("withheld") : t("reason", { reason: entry.reason })}</p>
          <p className="text-xs text-slate-500">{t("by", { name: entry.actor })}</p>
        </li>
      ))}
    </ol>
  );
}

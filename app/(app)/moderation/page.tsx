import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { api, requireViewer } from "~/app/_trpc/server";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Badge, Card, PageHeader, Table, TextLink } from "~/app/_components/ui";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("queue.title") };
}

type Line = { id: string; title: string; agency: string; occurredOn: string };

function SignalList({ title, items, extra }: { title: string; items: Line[]; extra?: (item: Line) => ReactNode }) {
  return (
    <Card>
      <h3 className="mb-2 font-semibold">
        {title} <Badge>{items.length}</Badge>
      </h3>
      <ul className="space-y-1 text-sm">
        {items.map((item, i) => (
          <li key={`${item.id}-${i}`}>
            <TextLink href={`/moderation/${item.id}`}>
              <bdi>{item.title}</bdi>
            </TextLink>{" "}
            · {item.agency} · {item.occurredOn}
            {extra ? extra(item) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The coordinators' desk: what waits for a decision, longest-waiting first, and what looks wrong. */
export default async function ModerationQueuePage() {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("moderation.review")) notFound();
  const caller = await api();
  const [queue, signals, t, vocab, format] = await Promise.all([
    caller.moderation.queue(),
    caller.moderation.quality(),
    getTranslations("moderation"),
    getTranslations("vocab"),
    getFormatter(),
  ]);
  return (
    <>
      <PageHeader
        title={t("queue.title")}
        subtitle={t("queue.subtitle")}
        actions={
          <>
            <TextLink href="/moderation/log">{t("log.title")}</TextLink>
            <TextLink href="/moderation/reference">{t("curation.title")}</TextLink>
          </>
        }
      />
      <h2 className="mb-3 text-lg font-semibold">{t("queue.heading", { count: queue.length })}</h2>
      <Table head={[t("queue.notice"), t("queue.agency"), t("queue.status"), t("queue.reports"), t("queue.waiting")]}>
        {queue.length === 0 ? (
          <tr>
            <td colSpan={5} className="px-3 py-4 text-center text-slate-500">
              {t("queue.empty")}
            </td>
          </tr>
        ) : null}
        {queue.map((item) => (
          <tr key={item.id} data-testid="queue-item" data-notice-id={item.id}>
            <td className="px-3 py-2">
              <span className="mr-2 inline-block">
                <TlpBadge tlp={item.tlp} />
              </span>
              <TextLink href={`/moderation/${item.id}`}>
                <bdi>{item.title}</bdi>
              </TextLink>
              <span className="block text-xs text-slate-500">
                {vocab(`kind.${item.kind}`)} · <bdi>{item.author}</bdi>
              </span>
            </td>
            <td className="px-3 py-2">{item.agency}</td>
            <td className="px-3 py-2">{vocab(`status.${item.status}`)}</td>
            <td className="px-3 py-2">{item.openReports}</td>
            <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(new Date(item.waitingSince), { dateStyle: "medium", timeStyle: "short" })}</td>
          </tr>
        ))}
      </Table>

      <h2 className="mt-8 mb-3 text-lg font-semibold">{t("quality.heading")}</h2>
      <div className="grid gap-4 md:grid-cols-2">
        <SignalList title={t("quality.noCrossing")} items={signals.noCrossing} />
        <SignalList title={t("quality.noSubstance")} items={signals.noSubstance} />
        <SignalList title={t("quality.expiredAlerts")} items={signals.expiredAlerts} />
        <Card>
          <h3 className="mb-2 font-semibold">
            {t("quality.duplicates")} <Badge>{signals.duplicates.length}</Badge>
          </h3>
          <p className="mb-2 text-xs text-slate-600">{t("quality.duplicatesHint")}</p>
          <ul className="space-y-1 text-sm">
            {signals.duplicates.map((pair) => (
              <li key={`${pair.id}-${pair.otherId}`} data-testid="duplicate-pair">
                <TextLink href={`/moderation/${pair.id}`}>
                  <bdi>{pair.title}</bdi>
                </TextLink>{" "}
                ({pair.agency}) ↔ <TextLink href={`/moderation/${pair.otherId}`}>{pair.otherTitle}</TextLink> ({pair.otherAgency}) · {pair.occurredOn}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}

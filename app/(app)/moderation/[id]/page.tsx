import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MarkdownText } from "~/app/_components/markdown";
import { localized } from "~/app/_components/names";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Badge, Card, Facts, PageHeader, TextLink } from "~/app/_components/ui";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { ZNoticeId } from "~/schemas/notices";
import { MODERATION_DECISIONS } from "~/schemas/moderation";
import { DecisionPanel, type Redactable } from "../_components/decision-panel";
import { ModerationLogList } from "../_components/log-list";
import { isolate } from "~/app/_components/isolate";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("review.title") };
}

const personName = (names: { latin?: string; cyrillic?: string; chinese?: string }) => [names.latin, names.cyrillic, names.chinese].filter(Boolean).join(" / ");

/** One notice under review: its content as the coordinator must judge it, the reports, the decisions. */
export default async function ReviewPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("moderation.review")) notFound();
  const { id } = await params;
  if (!ZNoticeId.safeParse(id).success) notFound();
  const [review, t, vocab, format] = await Promise.all([
    orNotFound((await api()).moderation.review({ id })),
    getTranslations("moderation"),
    getTranslations("vocab"),
    getFormatter(),
  ]);
  const { notice, reports, credits, pin, log } = review;
  const redactables = redactablesOf(notice, t);
  const openReports = reports.filter((r) => r.status === "open").length;
  // Where a decision posted without JavaScript lands: the panel says it was taken.
  const { done: doneParam } = await searchParams;
  const done = MODERATION_DECISIONS.find((d) => d === doneParam) ?? null;

  return (
    <article data-testid="review" data-notice-id={notice.id}>
      <p className="mb-2 text-sm">
        <TextLink href="/moderation">← {t("review.back")}</TextLink>
      </p>
      <PageHeader title={<bdi>{notice.title}</bdi>} subtitle={t("review.subtitle", { agency: notice.agency.shortName, author: isolate(notice.author.name) })} />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-xs">
        <TlpBadge tlp={notice.tlp} />
        <Badge>{vocab(`kind.${notice.kind}`)}</Badge>
        <Badge tone="amber">{vocab(`status.${notice.status}`)}</Badge>
        {pin ? <Badge tone="green">{t("review.pinnedUntil", { date: format.dateTime(new Date(pin.endsAt), { dateStyle: "medium" }) })}</Badge> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ContentCard notice={notice} credits={credits} />
          <ReportsCard reports={reports} />
        </div>
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("review.decide")}</h2>
            <DecisionPanel
              id={notice.id}
              kind={notice.kind}
              status={notice.status}
              pinned={Boolean(pin)}
              openReports={openReports}
              redactables={redactables}
              done={done}
            />
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("log.title")}</h2>
            <ModerationLogList items={log} />
          </Card>
        </div>
      </div>
    </article>
  );
}

type Review = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["moderation"]["review"]>>;
type ReviewedNotice = Review["notice"];

/** The parts of the notice a coordinator may redact (what is redacted already is not offered again). */
function redactablesOf(notice: ReviewedNotice, t: Awaited<ReturnType<typeof getTranslations<"moderation">>>): Redactable[] {
  const persons = notice.arrest?.persons ?? [];
  const owners = notice.companyAlert?.owners ?? [];
  const addresses = notice.companyAlert?.addresses ?? [];
  return [
    ...persons.map((p, index) => ({ field: "person" as const, index, label: t("review.person", { name: personName(p.names) }) })),
    ...owners.map((owner, index) => ({ field: "owner" as const, index, label: t("review.owner", { name: owner }) })),
    ...addresses.map((address, index) => ({ field: "address" as const, index, label: t("review.address", { address }) })),
    ...(notice.placeText ? [{ field: "placeText" as const, index: 0, label: t("review.placeText") }] : []),
    ...(notice.narrative ? [{ field: "narrative" as const, index: 0, label: t("review.narrative") }] : []),
  ].filter((r) => !r.label.includes("[redacted]"));
}

/** The notice's content as the coordinator must judge it. */
async function ContentCard({ notice, credits }: { notice: ReviewedNotice; credits: Review["credits"] }) {
  const [t, locale] = await Promise.all([getTranslations("moderation"), getLocale()]);
  const persons = notice.arrest?.persons ?? [];
  const owners = notice.companyAlert?.owners ?? [];
  const addresses = notice.companyAlert?.addresses ?? [];
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t("review.content")}</h2>
      <Facts
        items={[
          { label: t("review.occurredOn"), value: notice.occurredOn },
          { label: t("review.place"), value: notice.crossing ? localized(notice.crossing.names, locale) : notice.placeText },
          { label: t("review.credits"), value: credits.length ? credits.map((c) => c.shortName).join(", ") : null },
          ...(persons.length
            ? [
                {
                  label: t("review.persons"),
                  value: (
                    <ul data-testid="review-persons">
                      {persons.map((p, i) => (
                        <li key={i}>{personName(p.names)}</li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
          ...(owners.length ? [{ label: t("review.owners"), value: owners.join("; ") }] : []),
          ...(addresses.length ? [{ label: t("review.addresses"), value: addresses.join("; ") }] : []),
        ]}
      />
      <div className="mt-4">{notice.narrative ? <MarkdownText>{notice.narrative}</MarkdownText> : null}</div>
      <p className="mt-4 text-sm">
        <TextLink href={`/notices/${notice.id}`}>{t("review.openNotice")}</TextLink>
      </p>
    </Card>
  );
}

/** The reports made about the notice, open ones marked. */
async function ReportsCard({ reports }: { reports: Review["reports"] }) {
  const [t, format] = await Promise.all([getTranslations("moderation"), getFormatter()]);
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t("review.reports", { count: reports.length })}</h2>
      {reports.length === 0 ? <p className="text-sm text-slate-600">{t("review.noReports")}</p> : null}
      <ul className="space-y-3 text-sm">
        {reports.map((report, i) => (
          <li key={i} data-testid="report">
            <p>
              <Badge tone={report.status === "open" ? "amber" : "slate"}>{t(`report.reasons.${report.reason}`)}</Badge> {report.reporter} ({report.agency}) ·{" "}
              {format.dateTime(new Date(report.at), { dateStyle: "medium", timeStyle: "short" })}
            </p>
            {report.note ? <p className="mt-1 whitespace-pre-line text-slate-700">{report.note}</p> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

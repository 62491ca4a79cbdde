import type { ReactNode } from "react";
import { MarkdownText } from "~/app/_components/markdown";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { KindDetails } from "./kind-details";
import { noticeLabels, type Notice } from "./labels";
import { Grading, Handling, ReleasedTo, Tags, When, Where } from "./values";
import { MarkedText, wordDiff } from "./word-diff";

// Texts shown with the words that changed marked, rather than whole on each side.
const TEXTS = { title: (n: Notice) => n.title, narrative: (n: Notice) => n.narrative ?? "" } as const;

/**
 * Fields the history records one by one but a reader takes in together (a place is a crossing or
 * a text, a country and coordinates), each shown the way the notice page shows it.
 */
const GROUPS: { key: string; fields: string[]; render: (notice: Notice) => ReactNode }[] = [
  { key: "title", fields: ["title"], render: (n) => <bdi className="font-medium">{n.title}</bdi> },
  { key: "when", fields: ["occurredOn", "occurredAt"], render: (n) => <When notice={n} /> },
  { key: "where", fields: ["crossing", "placeText", "countryCode", "latitude", "longitude"], render: (n) => <Where notice={n} /> },
  {
    key: "release",
    fields: ["tlp", "release"],
    render: (n) => (
      <span className="block space-y-1">
        <TlpBadge tlp={n.tlp} />
        <ReleasedTo notice={n} />
      </span>
    ),
  },
  { key: "grading", fields: ["sourceReliability", "infoCredibility"], render: (n) => <Grading notice={n} /> },
  { key: "handlingCode", fields: ["handlingCode"], render: (n) => <Handling code={n.handlingCode} /> },
  { key: "tags", fields: ["tags"], render: (n) => <Tags tags={n.tags} /> },
  { key: "narrative", fields: ["narrative"], render: (n) => (n.narrative ? <MarkdownText>{n.narrative}</MarkdownText> : "—") },
  { key: "details", fields: ["seizure", "companyAlert", "arrest"], render: (n) => <KindDetails notice={n} /> },
];

/** One edit of a notice: the fields it changed, as they were before and after it. */
export async function VersionDiff({
  changedFields,
  before,
  after,
  beforeVersion,
}: {
  changedFields: string[];
  before: Notice;
  after: Notice;
  beforeVersion: number;
}) {
  const label = await noticeLabels();
  const { t } = label;
  const grouped = new Set(GROUPS.flatMap((group) => group.fields));
  const groups = GROUPS.filter((group) => group.fields.some((field) => changedFields.includes(field)));
  // A field the groups do not know (recorded by a later version of the app) is still listed, as data.
  const others = changedFields.filter((field) => !grouped.has(field));
  const raw = (notice: Notice, field: string) => (
    <pre className="overflow-x-auto whitespace-pre-wrap text-xs">{JSON.stringify((notice as Record<string, unknown>)[field] ?? null, null, 2)}</pre>
  );
  const rows = [
    ...groups.map((group) => {
      const text = TEXTS[group.key as keyof typeof TEXTS];
      const segments = text ? wordDiff(text(before), text(after)) : null;
      return {
        key: group.key,
        label: label.fieldName(group.key),
        before: segments ? <MarkedText segments={segments} side="before" /> : group.render(before),
        after: segments ? <MarkedText segments={segments} side="after" /> : group.render(after),
      };
    }),
    ...others.map((field) => ({ key: field, label: label.fieldName(field), before: raw(before, field), after: raw(after, field) })),
  ];
  return (
    <div className="space-y-4" data-testid="version-diff">
      {rows.map((row) => (
        <section key={row.key} className="rounded-lg border border-slate-200 bg-white" aria-labelledby={`diff-${row.key}`}>
          <h3 id={`diff-${row.key}`} className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-semibold">
            {row.label}
          </h3>
          <div className="grid gap-0 md:grid-cols-2">
            <div className="min-w-0 border-b border-slate-100 p-4 text-sm md:border-r md:border-b-0" data-diff="before">
              <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-red-800">{t("notice.history.before", { version: beforeVersion })}</p>
              {row.before}
            </div>
            <div className="min-w-0 p-4 text-sm" data-diff="after">
              <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-green-800">{t("notice.history.after", { version: beforeVersion + 1 })}</p>
              {row.after}
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}

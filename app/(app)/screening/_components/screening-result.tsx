import { useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { textLinkClass } from "~/app/_components/styles";
import { DECLARATION_COLUMNS, type ScreenedLine, type ScreeningFlag, type ScreeningResult } from "~/schemas/screening";

/**
 * The flagged lines, each with its values and why: the rule, what in the line matched, the notice
 * it matched with its marking, and the matching alert's recommended action. A line may be taken to
 * the new-seizure form, filled in from it (its words go into that page's address only then, at the
 * inspector's request).
 */
export function ScreeningResultView({ result, canReport }: { result: ScreeningResult; canReport: boolean }) {
  const t = useTranslations("screening");
  return (
    <section aria-labelledby="screening-result" data-testid="screening-result">
      <h2 id="screening-result" className="text-lg font-semibold">
        {t("result.title")}
      </h2>
      <p role="status" className="mt-1 text-sm text-slate-700" data-testid="screening-summary">
        {t("result.summary", { flagged: result.flagged.length, lines: result.lineCount })}
      </p>
      {result.flagged.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("result.clean")}</p> : null}
      <ol className="mt-3 space-y-3">
        {result.flagged.map((line) => (
          <FlaggedLine key={line.line} line={line} canReport={canReport} />
        ))}
      </ol>
    </section>
  );
}

function FlaggedLine({ line, canReport }: { line: ScreenedLine; canReport: boolean }) {
  const t = useTranslations("screening");
  const actions = [...new Set(line.flags.flatMap((f) => (f.recommendedAction ? [f.recommendedAction] : [])))];
  return (
    <li className="rounded-md border border-amber-300 bg-white p-3 shadow-sm" data-testid="flagged-line" data-line={line.line}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">{t("result.line", { line: line.line })}</h3>
        {canReport ? (
          <Link href={reportHref(line)} className={`${textLinkClass} text-sm`}>
            {t("result.draft")}
          </Link>
        ) : null}
      </div>
      <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 text-xs text-slate-700">
        {DECLARATION_COLUMNS.filter((c) => line.values[c]).map((column) => (
          <div key={column} className="contents">
            <dt className="text-slate-500">{t(`column.${column}`)}</dt>
            <dd dir="auto" className="break-words">
              {line.values[column]}
            </dd>
          </div>
        ))}
      </dl>
      <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("result.why")}</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {line.flags.map((flag, i) => (
          <li key={i} data-rule={flag.rule}>
            <FlagWords flag={flag} />
            {flag.notice ? (
              <span className="ms-1 inline-flex flex-wrap items-center gap-1">
                <TlpBadge tlp={flag.notice.tlp} />
                <Link href={`/notices/${flag.notice.id}`} className={textLinkClass}>
                  <bdi>{flag.notice.title}</bdi>
                </Link>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {actions.length ? (
        <div className="mt-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-900">
          <span className="font-semibold">{t("result.action")}: </span>
          {actions.map((a) => (
            <bdi key={a} className="block">
              {a}
            </bdi>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function FlagWords({ flag }: { flag: ScreeningFlag }) {
  const t = useTranslations("screening");
  const values = {
    matched: flag.matched,
    known: flag.known ?? "",
    field: t(`column.${flag.field}`),
    substances: (flag.substances ?? []).map((s) => s.name).join(", "),
  };
  return <span dir="auto">{t(`rule.${flag.rule}`, values)}</span>;
}

/** The new-seizure form filled in from the line (see app/(app)/notices/new/page.tsx). */
function reportHref(line: ScreenedLine): string {
  const substance = line.flags.flatMap((f) => f.substances ?? [])[0];
  const params = new URLSearchParams({ kind: "seizure" });
  if (substance) params.set("substance", substance.id);
  if (line.values.description) params.set("declaredAs", line.values.description);
  if (line.values.hsCode) params.set("hs", line.values.hsCode);
  if (line.values.vehicle) params.set("vehicle", line.values.vehicle);
  return `/notices/new?${params.toString()}`;
}

import "server-only";
import { getTranslations } from "next-intl/server";
import type { inferRouterOutputs } from "@trpc/server";
import { TlpBadge } from "~/app/_components/tlp-badge";
import { Table } from "~/app/_components/ui";
import type { AppRouter } from "~/server/api/root";
import { barChart, Chart } from "./chart";

export type TrendsData = inferRouterOutputs<AppRouter>["picture"]["trends"];

/** A month ("2026-03") as the reader says it. */
const monthIn = (locale: string, month: string) =>
  new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));

// Beyond three years a month per bar and per row no longer reads (twenty years were 240 rows):
// the chart and the table count per year instead.
const MAX_MONTHS_SHOWN = 36;

type Period = { key: string; label: string; notices: number; kg: number };

/** The months as shown: each month, or each year's total when the period is long. */
function periodsOf(months: TrendsData["months"], locale: string): { perYear: boolean; periods: Period[] } {
  if (months.length <= MAX_MONTHS_SHOWN)
    return { perYear: false, periods: months.map((m) => ({ key: m.month, label: monthIn(locale, m.month), notices: m.notices, kg: m.kg })) };
  const years = new Map<string, Period>();
  for (const m of months) {
    const key = m.month.slice(0, 4);
    const year = years.get(key) ?? { key, label: key, notices: 0, kg: 0 };
    year.notices += m.notices;
    year.kg += m.kg;
    years.set(key, year);
  }
  return { perYear: true, periods: [...years.values()] };
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function TopTable({ head, rows, empty, number }: { head: string[]; rows: { label: string; notices: number }[]; empty: string; number: Intl.NumberFormat }) {
  if (!rows.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <Table head={head}>
      {rows.map((row) => (
        <tr key={row.label}>
          <td className="px-3 py-2">
            <bdi>{row.label}</bdi>
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{number.format(row.notices)}</td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * The trends of the notices a viewer may read: totals, notices and seized kilograms per month,
 * the kind mix and the most frequent concealment methods, declared-as descriptions and companies
 * alerted. Each chart is drawn on the server and its numbers are in a table beside it. The caller
 * passes the viewer's own trends (the `picture.trends` procedure).
 */
export async function TrendsView({ trends, locale }: { trends: TrendsData; locale: string }) {
  const [t, vocab] = await Promise.all([getTranslations("picture.trends"), getTranslations("vocab")]);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const { perYear, periods } = periodsOf(trends.months, locale);
  const [perPeriod, kgPerPeriod] = perYear ? [t("perYear"), t("kgPerYear")] : [t("perMonth"), t("kgPerMonth")];
  const kinds = trends.kinds.map((k) => ({ key: k.kind, label: vocab(`kind.${k.kind}`), value: k.notices }));
  return (
    <div className="space-y-6">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="trend-totals">
        {t("totals", { count: trends.total.notices, kg: number.format(trends.total.kg) })}
        {trends.total.notices > 0 ? (
          <>
            <span>{t("marking")}</span>
            <TlpBadge tlp={trends.tlp} />
          </>
        ) : null}
      </p>
      <div className="grid gap-6 xl:grid-cols-2">
        <Section id="trend-notices" title={perPeriod}>
          <Chart
            svg={barChart(
              periods.map((p) => ({ key: p.key, label: p.label, value: p.notices })),
              { label: perPeriod },
            )}
          />
        </Section>
        <Section id="trend-kg" title={kgPerPeriod}>
          <Chart
            svg={barChart(
              periods.map((p) => ({ key: p.key, label: p.label, value: p.kg })),
              { label: kgPerPeriod, unit: "kg" },
            )}
          />
        </Section>
      </div>
      <Section id="trend-table" title={perYear ? t("tableTitleYears") : t("tableTitle")}>
        <Table head={[perYear ? t("year") : t("month"), t("notices"), t("kg")]}>
          {periods.map((m) => (
            <tr key={m.key}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {m.label}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(m.notices)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(m.kg)}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <div className="grid gap-6 xl:grid-cols-2">
        <Section id="trend-kinds" title={t("kinds")}>
          {kinds.length ? <Chart svg={barChart(kinds, { label: t("kinds"), horizontal: true })} /> : null}
          <TopTable head={[t("kind"), t("notices")]} rows={kinds.map((k) => ({ label: k.label, notices: k.value }))} empty={t("none")} number={number} />
        </Section>
        <Section id="trend-concealment" title={t("concealment")}>
          <TopTable head={[t("method"), t("seizures")]} rows={trends.concealment} empty={t("none")} number={number} />
        </Section>
        <Section id="trend-declared" title={t("declaredAs")}>
          <TopTable head={[t("declared"), t("seizures")]} rows={trends.declaredAs} empty={t("none")} number={number} />
        </Section>
        <Section id="trend-companies" title={t("companies")}>
          <TopTable head={[t("company"), t("alerts")]} rows={trends.companies} empty={t("none")} number={number} />
        </Section>
      </div>
    </div>
  );
}

import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/index";
import type { NoticeKind, Tlp } from "~/schemas/notice-enums";
import { TOP_LIMIT, type TrendFilters, type TrendsInput } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";
import { aggregateDim, beyondClasses, classesSql, monthRange, type CountPath } from "./classes";
import { visibleSet } from "./visible-set";

export type MonthPoint = { month: string; notices: number; kg: number };
export type Top = { label: string; notices: number };
export type Trends = {
  /** Every month of the period (of the data, when the period is open), with 0 where nothing was counted. */
  months: MonthPoint[];
  kinds: { kind: NoticeKind; notices: number }[];
  concealment: Top[];
  declaredAs: Top[];
  companies: Top[];
  total: { notices: number; kg: number };
  /** The most restrictive marking among the notices counted (CLEAR when none): the marking of a file of these numbers. */
  tlp: Tlp;
};

type Row = {
  months: [month: string, notices: number, kg: number | string][];
  kinds: [kind: NoticeKind, notices: number][];
  concealment: [label: string, notices: number][];
  declared_as: [label: string, notices: number][];
  companies: [label: string, notices: number][];
  tlp: Tlp | null;
};

/**
 * The texts of the "top" lists that the notices of the relation `rel` (id, kind) add, one row
 * each (list, label, grp, n = 1): a seizure's concealment and declared-as description, a company
 * alert's first name, trimmed, as the pre-aggregate's `texts` (migration 0030) holds them; `grp`
 * is what a list groups them by (the text without regard to case).
 */
function detailTexts(rel: "v" | "beyond"): SQL {
  const from = sql.raw(rel);
  return sql`SELECT list, label, lower(label) AS grp, 1 AS n FROM (
      SELECT t.list, btrim(t.value) AS label FROM ${from} JOIN seizure_details d ON d.notice_id = ${from}.id
        CROSS JOIN LATERAL (VALUES ('concealment', d.concealment), ('declared_as', d.declared_as)) AS t(list, value)
        WHERE ${from}.kind = 'seizure'
      UNION ALL SELECT 'company', btrim(d.names -> 0 ->> 'name') FROM ${from} JOIN company_alerts d ON d.notice_id = ${from}.id
        WHERE ${from}.kind = 'company_alert') AS t
    WHERE label <> ''`;
}

/**
 * A "top" list from the relation `texts` (list, label, grp, n): its texts grouped without regard to
 * case, each shown as its first spelling in byte order, most frequent first.
 */
function top(list: "concealment" | "declared_as" | "company"): SQL {
  return sql`(SELECT coalesce(json_agg(json_build_array(label, n) ORDER BY n DESC, label), '[]') FROM (
      SELECT min(label COLLATE "C") AS label, sum(n)::int AS n FROM texts WHERE list = ${list}
      GROUP BY grp ORDER BY n DESC, label LIMIT ${sql.raw(String(TOP_LIMIT))}) AS t)`;
}

const TOPS = sql`${top("concealment")} AS concealment, ${top("declared_as")} AS declared_as, ${top("company")} AS companies`;

/**
 * The pre-aggregate's texts (list, label, grp, n) of the viewer's classes under the filter `dim`: of
 * each month of the period, or, over all time, their totals (one row per text, not per month).
 */
function aggregateTexts(viewer: Viewer, filters: Partial<TrendFilters>, dim: string): SQL {
  const where = sql`pt.class = ANY (${classesSql(viewer)}) AND pt.dim = ${dim} AND pt.n > 0`;
  return filters.from || filters.to
    ? sql`SELECT pt.list, pt.label, lower(pt.label) AS grp, pt.n FROM picture_texts pt WHERE ${where} ${monthRange(filters, "pt")}`
    : sql`SELECT pt.list, pt.label, pt.grp, pt.n FROM picture_text_totals pt WHERE ${where}`;
}

/** The months and the kind mix of `counted` (month, kind, n, kg). */
const COUNTED = sql`(SELECT coalesce(json_agg(json_build_array(month, n, kg) ORDER BY month), '[]')
        FROM (SELECT month, sum(n)::int AS n, coalesce(sum(kg), 0) AS kg FROM counted GROUP BY month) AS m) AS months,
      (SELECT coalesce(json_agg(json_build_array(kind, n) ORDER BY n DESC, kind), '[]')
        FROM (SELECT kind, sum(n)::int AS n FROM counted GROUP BY kind) AS k) AS kinds`;

/**
 * The whole of a trend in one statement (exposed for EXPLAIN and the benchmark's raw-SQL floor).
 * Over whole months and at most one filter, the months, kind mix and marking come from the
 * pre-aggregate's rows of the viewer's classes, and the "top" lists from its texts,
 * plus, live, the few notices the rule lets them read beyond those (classes.ts). Otherwise the
 * visible set is read once (materialized), the texts of its seizures and company alerts joined
 * once, then grouped by month, by kind, and into the three lists.
 */
export function trendsQuery(viewer: Viewer, filters: Partial<TrendFilters>, path: CountPath = "aggregate"): SQL {
  const dim = aggregateDim(filters, path);
  if (dim === null) {
    return sql`WITH v AS MATERIALIZED (${visibleSet(viewer, filters)}), texts AS MATERIALIZED (${detailTexts("v")}),
        counted AS (SELECT month, kind, 1 AS n, kg FROM v)
      SELECT ${COUNTED}, ${TOPS}, (SELECT max(tlp) FROM v) AS tlp`;
  }
  return sql`WITH beyond AS MATERIALIZED (${visibleSet(viewer, filters, beyondClasses(viewer))}),
      beyond_texts AS MATERIALIZED (${detailTexts("beyond")}),
      -- Not materialized: each list then reads its own range of the pre-aggregate's key.
      texts AS NOT MATERIALIZED (${aggregateTexts(viewer, filters, dim)} UNION ALL SELECT * FROM beyond_texts),
      classes AS MATERIALIZED (SELECT to_char(pc.month, 'YYYY-MM') AS month, pc.kind, pc.n, pc.kg,
          CASE WHEN pc.n_amber_strict > 0 THEN 'amber_strict' WHEN pc.n_amber > 0 THEN 'amber' WHEN pc.n_green > 0 THEN 'green' ELSE 'clear' END::tlp AS tlp
        FROM picture_counts pc WHERE pc.class = ANY (${classesSql(viewer)}) AND pc.dim = ${dim} AND pc.n > 0 ${monthRange(filters)}),
      counted AS (SELECT month, kind, n, kg FROM classes UNION ALL SELECT month, kind, 1, kg FROM beyond)
    SELECT ${COUNTED}, ${TOPS},
      (SELECT max(tlp) FROM (SELECT tlp FROM classes UNION ALL SELECT tlp FROM beyond) AS t) AS tlp`;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** "YYYY-MM" of each month from the first to the last, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split("-").map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    out.push(`${year}-${String(month).padStart(2, "0")}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return out;
}

/**
 * The trends of the notices the viewer may read under the filters. `tx`: a caller's transaction
 * (the CSV's, with its audit entry); `path`: live for the tests' reference.
 */
export async function trends({ viewer, input }: { viewer: Viewer; input: TrendsInput }, tx: DbOrTx = db, path: CountPath = "aggregate"): Promise<Trends> {
  const f = input.filters;
  const [row] = (await tx.execute(trendsQuery(viewer, f, path))) as unknown as Row[];
  const counted = new Map(row!.months.map(([month, notices, kg]) => [month, { month, notices, kg: round3(Number(kg)) }]));
  const data = [...counted.keys()];
  const first = f.from?.slice(0, 7) ?? data[0];
  const last = f.to?.slice(0, 7) ?? data.at(-1);
  const months = first && last ? monthsBetween(first, last).map((month) => counted.get(month) ?? { month, notices: 0, kg: 0 }) : [];
  const toTop = (rows: [string, number][]) => rows.map(([label, notices]) => ({ label, notices }));
  return {
    months,
    kinds: row!.kinds.map(([kind, notices]) => ({ kind, notices })),
    concealment: toTop(row!.concealment),
    declaredAs: toTop(row!.declared_as),
    companies: toTop(row!.companies),
    total: {
      notices: months.reduce((n, m) => n + m.notices, 0),
      kg: round3(months.reduce((n, m) => n + m.kg, 0)),
    },
    tlp: row!.tlp ?? "clear",
  };
}

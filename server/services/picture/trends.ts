import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/index";
import type { NoticeKind, Tlp } from "~/schemas/notice-enums";
import { TOP_LIMIT, type TrendFilters, type TrendsInput } from "~/schemas/picture";
import type { Viewer } from "~/server/auth/sessions";
import { notices } from "~/db/schema";
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
 * A "top" list: a free-text field of the visible notices' details (`column` of the relation
 * `details`, see below), grouped without regard to case or surrounding spaces (shown as its first
 * spelling in sort order), most frequent first.
 */
function top(details: "seizures" | "companies", column: string): SQL {
  const value = sql.raw(column);
  return sql`(SELECT coalesce(json_agg(json_build_array(label, n) ORDER BY n DESC, label), '[]') FROM (
      SELECT min(btrim(${value})) AS label, count(*)::int AS n FROM ${sql.raw(details)}
      WHERE btrim(coalesce(${value}, '')) <> ''
      GROUP BY lower(btrim(${value})) ORDER BY n DESC, label LIMIT ${sql.raw(String(TOP_LIMIT))}) AS t)`;
}

/** The "top" lists' relations over the visible set `v`: its seizures' and company alerts' details, each joined once. */
const DETAILS = sql`seizures AS MATERIALIZED (SELECT d.concealment, d.declared_as FROM v JOIN seizure_details d ON d.notice_id = v.id WHERE v.kind = 'seizure'),
      companies AS MATERIALIZED (SELECT d.names -> 0 ->> 'name' AS company FROM v JOIN company_alerts d ON d.notice_id = v.id WHERE v.kind = 'company_alert')`;
const TOPS = sql`${top("seizures", "concealment")} AS concealment,
      ${top("seizures", "declared_as")} AS declared_as,
      ${top("companies", "company")} AS companies`;

/** The months and the kind mix of `counted` (month, kind, n, kg). */
const COUNTED = sql`(SELECT coalesce(json_agg(json_build_array(month, n, kg) ORDER BY month), '[]')
        FROM (SELECT month, sum(n)::int AS n, coalesce(sum(kg), 0) AS kg FROM counted GROUP BY month) AS m) AS months,
      (SELECT coalesce(json_agg(json_build_array(kind, n) ORDER BY n DESC, kind), '[]')
        FROM (SELECT kind, sum(n)::int AS n FROM counted GROUP BY kind) AS k) AS kinds`;

/**
 * The whole of a trend in one statement (exposed for EXPLAIN and the benchmark's raw-SQL floor).
 * Over whole months and at most one filter, the months, kind mix and marking come from the
 * pre-aggregate's rows of the viewer's classes plus, live, the few notices the rule lets them read
 * beyond those (classes.ts); the "top" lists are read from the visible seizures and company
 * alerts. Otherwise the visible set is read once (materialized), the details of its seizures and
 * company alerts joined once each, then grouped by month, by kind, and into the three lists.
 */
export function trendsQuery(viewer: Viewer, filters: Partial<TrendFilters>, path: CountPath = "aggregate"): SQL {
  const dim = aggregateDim(filters, path);
  if (dim === null) {
    return sql`WITH v AS MATERIALIZED (${visibleSet(viewer, filters)}), ${DETAILS},
        counted AS (SELECT month, kind, 1 AS n, kg FROM v)
      SELECT ${COUNTED}, ${TOPS}, (SELECT max(tlp) FROM v) AS tlp`;
  }
  return sql`WITH beyond AS MATERIALIZED (${visibleSet(viewer, filters, beyondClasses(viewer))}),
      v AS MATERIALIZED (${visibleSet(viewer, filters, sql`${notices.kind} IN ('seizure', 'company_alert')`)}), ${DETAILS},
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

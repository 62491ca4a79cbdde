import type postgres from "postgres";

type PlanNode = {
  "Node Type": string;
  "Parent Relationship"?: string;
  "Subplan Name"?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Actual Total Time"?: number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  "Sort Key"?: string[];
  Filter?: string;
  Plans?: PlanNode[];
};
type Explained = { Plan: PlanNode; "Planning Time": number; "Execution Time": number };

// The top of the plan (limit, sort, joins) plus, at any depth, the scans of notices and the
// subplans of the visibility predicate: that is where the time of these queries goes.
const TOP_DEPTH = 3;

function describe(node: PlanNode, parent: PlanNode | undefined): string {
  const subplan = node["Subplan Name"];
  const hashed = subplan && parent?.Filter?.includes(`hashed ${subplan}`) ? "hashed " : "";
  const role = subplan ? `${hashed}${subplan}: ` : "";
  const on = node["Index Name"] ? ` using ${node["Index Name"]}` : node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
  const sort = node["Sort Key"] ? ` by ${node["Sort Key"].join(", ")}` : "";
  const loops = node["Actual Loops"] && node["Actual Loops"] > 1 ? ` × ${node["Actual Loops"]} loops` : "";
  const removed = node["Rows Removed by Filter"] ? `, ${node["Rows Removed by Filter"]} removed by filter` : "";
  return `${role}${node["Node Type"]}${on}${sort} (rows ${node["Actual Rows"]}${loops}${removed}, ${node["Actual Total Time"]?.toFixed(2)} ms)`;
}

function walk(node: PlanNode, visit: (node: PlanNode, parent: PlanNode | undefined, depth: number) => void, parent?: PlanNode, depth = 0) {
  visit(node, parent, depth);
  for (const child of node.Plans ?? []) walk(child, visit, node, depth + 1);
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a query as the service sends it, summarized: the top of the plan,
 * the scans of notices and the subplans, every index used, any sequential scan, and the times.
 */
export async function explainSummary(sql: postgres.Sql, query: { sql: string; params: unknown[] }): Promise<string[]> {
  const [row] = await sql.unsafe<{ "QUERY PLAN": Explained[] }[]>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
    query.params as postgres.ParameterOrJSON<never>[],
  );
  const explained = row!["QUERY PLAN"][0]!;
  const lines: string[] = [];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  walk(explained.Plan, (node, parent, depth) => {
    if (node["Index Name"]) indexes.add(node["Index Name"]);
    if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) seqScans.add(node["Relation Name"]);
    if (depth < TOP_DEPTH || node["Relation Name"] === "notices" || node["Subplan Name"]) lines.push(`${"  ".repeat(depth + 3)}${describe(node, parent)}`);
  });
  const top = explained.Plan;
  return [
    `    execution ${explained["Execution Time"].toFixed(2)} ms, planning ${explained["Planning Time"].toFixed(2)} ms, ` +
      `buffers: ${top["Shared Hit Blocks"] ?? 0} hit, ${top["Shared Read Blocks"] ?? 0} read`,
    `    indexes: ${[...indexes].join(", ") || "none"}; sequential scans: ${[...seqScans].join(", ") || "none"}`,
    ...lines,
  ];
}

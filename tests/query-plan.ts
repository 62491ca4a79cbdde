import { sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";

/** The plan PostgreSQL picks for a query (EXPLAIN, without running it), as one text. */
export async function queryPlan(query: { getSQL(): SQL }): Promise<string> {
  const rows = await db.execute<{ "QUERY PLAN": string }>(sql`EXPLAIN ${query.getSQL()}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

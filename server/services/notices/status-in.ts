import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { NoticeStatus } from "~/schemas/notice-enums";

/** `column IN (…)` with the statuses written out as literals: the text the partial indexes' predicates match. */
export const statusIn = (column: AnyPgColumn | SQL, statuses: readonly NoticeStatus[]): SQL =>
  sql`${column} IN (${sql.raw(statuses.map((status) => `'${status}'`).join(", "))})`;

import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

// Where audit and moderation details name other notices: a link's other end, a merge's pair; and
// the list of notices an export carried.
const NAMING_KEYS = ["otherId", "survivorId", "duplicateId"];
const NAMING_LIST = "noticeIds";

const UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/** A text value as a notice id: NULL when it is no uuid (a cast would fail the whole statement). */
export const asNoticeId = (value: SQL | AnyPgColumn) => sql`(CASE WHEN ${value} ~* ${UUID} THEN ${value}::uuid END)`;

/**
 * The notices a log record names, as a uuid[] for the visibility module's `allKnownTo`: `target`
 * (a notice id as text, or NULL when the record is not about a notice) and the ids its `details`
 * carry. A value that is no uuid stays in as NULL, which names no notice anyone may know of, so
 * a malformed record is withheld rather than shown.
 */
export function namedNotices(target: SQL | AnyPgColumn, details: SQL | AnyPgColumn): SQL {
  const values = [target, ...NAMING_KEYS.map((key) => sql`${details}->>${key}`)];
  const list = sql`CASE WHEN jsonb_typeof(${details}->${NAMING_LIST}) = 'array' THEN ${details}->${NAMING_LIST} ELSE '[]'::jsonb END`;
  return sql`ARRAY(SELECT ${asNoticeId(sql`v`)} FROM (SELECT unnest(ARRAY[${sql.join(values, sql`, `)}]::text[]) UNION ALL SELECT jsonb_array_elements_text(${list})) AS named(v) WHERE v IS NOT NULL)`;
}

/**
 * A PostgreSQL array literal, to send as one text parameter with a cast (`${arrayLiteral(ids)}::uuid[]`):
 * the statement's text is then the same however many elements it carries, so one prepared
 * statement serves every size. Elements are quoted, so any text is safe; null is NULL.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

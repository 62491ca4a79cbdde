import type postgres from "postgres";

/** The schemas that hold the app's data: its own, pg-boss's queue, drizzle's record of migrations. */
export const BACKUP_SCHEMAS = ["public", "pgboss", "drizzle"] as const;

/**
 * Tables a restore does not load because the migrations made them already, the same way the app
 * makes them: drizzle's list of applied migrations (the backup's level is checked equal instead) and
 * pg-boss's version and queue definitions (installQueues, from the code's queue list).
 */
export const MADE_BY_MIGRATIONS = new Set(["drizzle.__drizzle_migrations", "pgboss.version", "pgboss.queue"]);

export type Table = {
  schema: string;
  name: string;
  /** Stored columns in table order; generated columns are left out (PostgreSQL computes them again). */
  columns: string[];
  /** Whether it is partitioned (pg-boss's job table): read through a query, loaded through the parent. */
  partitioned: boolean;
};

type Listed = Table & { oid: string; references: string[] };

export const qualified = (t: Pick<Table, "schema" | "name">) => `${t.schema}.${t.name}`;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quotedTable = (t: Pick<Table, "schema" | "name">) => `${ident(t.schema)}.${ident(t.name)}`;
export const quotedColumns = (t: Pick<Table, "columns">) => t.columns.map(ident).join(", ");

/**
 * Orders tables so that every table comes after those its foreign keys point to (a reference to
 * itself is satisfied within one COPY). Ties by name, so the order is stable.
 */
export function dependencyOrder<T extends { oid: string; references: string[] } & Pick<Table, "schema" | "name">>(tables: T[]): T[] {
  const pending = new Map(tables.map((t) => [t.oid, t]));
  const ordered: T[] = [];
  while (pending.size) {
    const ready = [...pending.values()]
      .filter((t) => t.references.every((ref) => ref === t.oid || !pending.has(ref)))
      .sort((a, b) => qualified(a).localeCompare(qualified(b)));
    if (!ready.length) throw new Error(`Foreign keys form a cycle between ${[...pending.values()].map(qualified).join(", ")}`);
    for (const t of ready) {
      ordered.push(t);
      pending.delete(t.oid);
    }
  }
  return ordered;
}

/** The app's tables as they are in the database `sql` talks to, in dependency order. */
export async function listTables(sql: postgres.Sql | postgres.TransactionSql): Promise<Table[]> {
  const rows = await sql<Listed[]>`
    SELECT c.oid::text AS oid, n.nspname::text AS schema, c.relname::text AS name, c.relkind = 'p' AS partitioned,
      array(SELECT a.attname::text FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum) AS columns,
      array(SELECT DISTINCT f.confrelid::text FROM pg_constraint f WHERE f.conrelid = c.oid AND f.contype = 'f') AS references
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY(${[...BACKUP_SCHEMAS]}) AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;
  return dependencyOrder(rows).map(({ schema, name, columns, partitioned }) => ({ schema, name, columns, partitioned }));
}

type Sql = postgres.Sql | postgres.TransactionSql;

/** Rows per table, keyed by schema.name. */
export async function countRows(sql: Sql, tables: Table[]): Promise<Map<string, number>> {
  const rows = new Map<string, number>();
  for (const table of tables) {
    const [row] = await sql.unsafe<{ n: string }[]>(`SELECT count(*) AS n FROM ${quotedTable(table)}`);
    rows.set(qualified(table), Number(row?.n ?? 0));
  }
  return rows;
}

/** The app's tables that hold rows, leaving out what the migrations fill themselves. */
export async function tablesWithRows(sql: Sql): Promise<string[]> {
  const found: string[] = [];
  for (const table of await listTables(sql)) {
    if (MADE_BY_MIGRATIONS.has(qualified(table))) continue;
    const [row] = await sql.unsafe<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${quotedTable(table)}) AS any`);
    if (row?.any) found.push(qualified(table));
  }
  return found;
}

/** Every sequence owned by a column of the app's tables (serial and identity columns), with that column. */
export async function ownedSequences(sql: Sql) {
  return sql<{ sequence: string; owner: string; column: string }[]>`
    SELECT format('%I.%I', sn.nspname, s.relname) AS sequence, format('%I.%I', n.nspname, c.relname) AS owner, quote_ident(a.attname) AS "column"
    FROM pg_depend d
    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_class c ON c.oid = d.refobjid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      AND n.nspname = ANY(${[...BACKUP_SCHEMAS]})`;
}

/**
 * Moves every owned sequence past the largest value in its column, so the next insert gets a
 * fresh id: sequences are not transactional and not part of a backup; the rows are.
 */
export async function setSequencesPastMaximum(sql: Sql): Promise<void> {
  for (const { sequence, owner, column } of await ownedSequences(sql)) {
    await sql.unsafe(`SELECT setval($1::regclass, m) FROM (SELECT max(${column}) AS m FROM ${owner}) x WHERE m IS NOT NULL`, [sequence]);
  }
}

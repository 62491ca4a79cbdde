import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import postgres from "postgres";
import { runMigrations } from "~/db/migrate";
import { verifyChecksum } from "./checksum";
import { backupKind, END_OF_TABLE, parseCopyLine, parseHeader, snapshotLines, type BackupKind, type TableRef } from "./format";
import { installedToolMajor } from "./method";
import { codeMigrationLevel, type MigrationLevel } from "./migration-level";
import { archiveDumpMajor, archiveLines, archiveMigrationHash } from "./pg-dump";
import { listTables, MADE_BY_MIGRATIONS, qualified, quotedColumns, quotedTable, setSequencesPastMaximum, tablesWithRows } from "./tables";

export type RestoreResult = { kind: BackupKind; migration: MigrationLevel; rows: Map<string, number> };

/** A backup read as a series of tables, each followed by its rows up to the `\.` line. */
type Source = { lines: AsyncIterator<string>; nextTable: () => Promise<TableRef | null>; close: () => Promise<void> };

const BATCH_CHARS = 1 << 16;

function refuseOtherLevel(backupHash: string | null, code: MigrationLevel): void {
  if (backupHash === code.hash) return;
  throw new Error(
    `The backup was taken at another migration level than this code's (${code.tag}): ` +
      `restore it with the version of the app that made it, then upgrade with \`npm run db:migrate\``,
  );
}

async function refuseNonEmpty(sql: postgres.Sql | postgres.TransactionSql): Promise<void> {
  const filled = await tablesWithRows(sql);
  if (!filled.length) return;
  const named = filled.length > 4 ? `${filled.slice(0, 4).join(", ")} and ${filled.length - 4} more tables` : filled.join(", ");
  throw new Error(`The database is not empty (${named} hold rows): a backup is restored only into a new, empty database`);
}

/** One table's rows, in batches, up to its end marker; counts them in `counted`. */
async function* tableRows(lines: AsyncIterator<string>, counted: { rows: number }): AsyncGenerator<string> {
  let batch = "";
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error("The backup ends in the middle of a table");
    if (value === END_OF_TABLE) break;
    batch += `${value}\n`;
    counted.rows += 1;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

/** The snapshot format (format.ts): a header naming the tables, then their rows in that order. */
async function snapshotSource(file: string, code: MigrationLevel): Promise<Source & { migration: MigrationLevel }> {
  const lines = snapshotLines(file);
  const close = async () => void (await lines.return?.());
  try {
    const header = parseHeader((await lines.next()).value);
    refuseOtherLevel(header.migration.hash, code);
    const tables = [...header.tables];
    const nextTable = async () => {
      const table = tables.shift();
      if (!table && !(await lines.next()).done) throw new Error("The backup holds more than its header announces");
      return table ?? null;
    };
    return { lines, nextTable, close, migration: header.migration };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A pg_dump archive, through pg_restore's script output: its `COPY … FROM stdin;` blocks. */
async function archiveSource(file: string, code: MigrationLevel): Promise<Source & { migration: MigrationLevel }> {
  const [restorer, dumper] = [await installedToolMajor("pg_restore"), await archiveDumpMajor(file)];
  if (restorer === null || dumper === null || restorer < dumper) {
    throw new Error(`This backup is a pg_dump ${dumper ?? "?"} archive: reading it needs pg_restore ${dumper ?? "?"} or newer (found: ${restorer ?? "none"})`);
  }
  refuseOtherLevel(await archiveMigrationHash(file), code);
  const { lines, done } = archiveLines(file);
  const nextTable = async () => {
    for (;;) {
      const { value, done: ended } = await lines.next();
      if (ended) return done.then(() => null);
      const table = parseCopyLine(value);
      if (table) return table;
    }
  };
  return { lines, nextTable, close: async () => void (await lines.return?.()), migration: code };
}

/**
 * COPY … FROM STDIN of `rows`. postgres.js 3.4.9 (porsager/postgres#1173; fix proposed in #1183)
 * never settles the stream when PostgreSQL refuses rows after their end has been sent — which is
 * when foreign keys are checked — and drops the reason: waiting for the stream would wait forever.
 * So once the end is sent (the stream's _final), one more query goes out: it runs after the COPY
 * and fails exactly when the COPY did. Errors while rows are still being sent end the stream with
 * PostgreSQL's own message.
 */
async function copyIn(tx: postgres.TransactionSql, table: TableRef, rows: Readable): Promise<void> {
  const writable = await tx.unsafe(`COPY ${quotedTable(table)} (${quotedColumns(table)}) FROM STDIN`).writable();
  const endSent = new Promise<void>((resolve) => {
    const final = writable._final!.bind(writable);
    writable._final = (callback) => {
      final(callback);
      resolve();
    };
  });
  const copied = pipeline(rows, writable);
  await Promise.race([copied, endSent]);
  await tx`SELECT 1`.catch(() => {
    throw new Error(`PostgreSQL refused the rows of ${qualified(table)} (a foreign key or a constraint; its log says which): no row was restored`);
  });
  await copied;
}

/**
 * Loads every table of the backup into the schema the migrations made, in the backup's order
 * (dependency order: foreign keys stay checked), in the caller's transaction.
 */
async function load(tx: postgres.TransactionSql, source: Source): Promise<Map<string, number>> {
  const target = new Map((await listTables(tx)).map((t) => [qualified(t), t]));
  const loaded = [...target.keys()].filter((name) => !MADE_BY_MIGRATIONS.has(name));
  // The rows come back exactly as they were, so the triggers that derive data on insert must not
  // run: the audit log's would give each entry a new id and hash (re-chaining it), the users' would
  // add duty-station subscriptions and the notices' would count search words a second time, all of
  // which the backup holds already. Disabled inside this transaction only (ALTER TABLE is
  // transactional, and its lock keeps everyone else out until the commit); foreign keys stay checked.
  const triggered = await tx<{ name: string }[]>`
    SELECT DISTINCT format('%I.%I', n.nspname, c.relname) AS name
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND format('%s.%s', n.nspname, c.relname) = ANY(${loaded})`;
  for (const { name } of triggered) await tx.unsafe(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
  const rows = new Map<string, number>();
  for (let table = await source.nextTable(); table; table = await source.nextTable()) {
    const counted = { rows: 0 };
    const data = Readable.from(tableRows(source.lines, counted));
    if (MADE_BY_MIGRATIONS.has(qualified(table))) {
      await finished(data.resume());
      continue;
    }
    const here = target.get(qualified(table));
    if (!here || [...here.columns].sort().join() !== [...table.columns].sort().join()) {
      throw new Error(`${qualified(table)} differs between the backup and the schema of this code`);
    }
    await copyIn(tx, table, data);
    // pg_dump writes a partitioned table's rows one partition at a time, each addressed to the parent.
    rows.set(qualified(table), (rows.get(qualified(table)) ?? 0) + counted.rows);
  }
  for (const { name } of triggered) await tx.unsafe(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
  await setSequencesPastMaximum(tx);
  return rows;
}

/**
 * Restores a backup (either kind) into the empty database at `url`: the schema from the committed
 * migrations (and pg-boss's, as `npm run db:migrate` makes it), then every row in one transaction,
 * all or nothing. Refused before anything is written: a file that does not match its checksum, a
 * database that holds rows, a backup of another migration level than this code's.
 */
export async function restoreBackup(url: string, file: string): Promise<RestoreResult> {
  await verifyChecksum(file);
  const kind = await backupKind(file);
  const code = codeMigrationLevel();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await refuseNonEmpty(sql);
    const source = kind === "snapshot" ? await snapshotSource(file, code) : await archiveSource(file, code);
    try {
      await runMigrations(url);
      const rows = await sql.begin(async (tx) => {
        await refuseNonEmpty(tx);
        return load(tx, source);
      });
      return { kind, migration: source.migration, rows };
    } finally {
      await source.close();
    }
  } finally {
    await sql.end();
  }
}

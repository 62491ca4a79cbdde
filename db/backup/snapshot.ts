import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type postgres from "postgres";
import { END_OF_TABLE, FORMAT, FORMAT_VERSION, type BackupHeader } from "./format";
import type { MigrationLevel } from "./migration-level";
import { quotedColumns, quotedTable, qualified, type Table } from "./tables";

const NEWLINE = 0x0a;

function countLines(chunk: Buffer): number {
  let lines = 0;
  for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) lines += 1;
  return lines;
}

/**
 * postgres.js 3.4.9 (porsager/postgres#499; fix proposed in #1016): when the last rows of a COPY
 * arrive while the stream is full, the connection's socket is left paused after the COPY ends,
 * and the next query on that connection waits forever (here: the next table). The stream's read()
 * is what resumes the socket; calling it once the stream has ended makes the connection usable.
 */
function resumeConnection(ended: Readable): void {
  ended._read(0);
}

/**
 * Writes every table to `file` in the snapshot format (format.ts), inside the caller's transaction,
 * which must be REPEATABLE READ so that all tables are read at one instant. Returns rows per table.
 */
export async function writeSnapshot(
  tx: postgres.TransactionSql,
  file: string,
  about: { serverVersion: string; migration: MigrationLevel; tables: Table[] },
): Promise<Map<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  await once(out, "open");
  const written = once(out, "finish");
  gzip.pipe(out);
  const write = async (data: string | Buffer) => {
    if (!gzip.write(data)) await once(gzip, "drain");
  };
  const header: BackupHeader = {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    serverVersion: about.serverVersion,
    migration: about.migration,
    tables: about.tables.map(({ schema, name, columns }) => ({ schema, name, columns })),
  };
  await write(`${JSON.stringify(header)}\n`);
  const rows = new Map<string, number>();
  for (const table of about.tables) {
    // COPY cannot read a partitioned table by name; through a query it reads all its partitions.
    const source = table.partitioned ? `(SELECT ${quotedColumns(table)} FROM ${quotedTable(table)})` : `${quotedTable(table)} (${quotedColumns(table)})`;
    let count = 0;
    const readable = await tx.unsafe(`COPY ${source} TO STDOUT`).readable();
    for await (const chunk of readable) {
      count += countLines(chunk as Buffer);
      await write(chunk as Buffer);
    }
    resumeConnection(readable);
    await write(`${END_OF_TABLE}\n`);
    rows.set(qualified(table), count);
  }
  gzip.end();
  await written;
  return rows;
}

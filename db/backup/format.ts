import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { z } from "zod";

/*
 * The snapshot format, version 1: one gzip stream of text lines.
 *   line 1      a JSON header (ZBackupHeader): format and version, when, the server's version, the
 *               migration level, and the tables in dependency order with their columns;
 *   then        for each table of the header, in its order, the rows as `COPY … TO STDOUT` writes
 *               them (text format: one row per line, tab-separated, \N for null, newlines and
 *               backslashes escaped), ended by a line holding `\.`.
 * Readable with `zcat`; loadable by anyone with psql (`COPY t (columns) FROM STDIN`).
 */
export const FORMAT = "tianshan-backup";
export const FORMAT_VERSION = 1;
export const END_OF_TABLE = "\\.";

export const ZBackupHeader = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  serverVersion: z.string(),
  migration: z.object({ tag: z.string(), hash: z.string() }),
  tables: z.array(z.object({ schema: z.string(), name: z.string(), columns: z.array(z.string()) })),
});
export type BackupHeader = z.infer<typeof ZBackupHeader>;

export type TableRef = { schema: string; name: string; columns: string[] };

const identifiers = (text: string) => [...text.matchAll(/"((?:[^"]|"")*)"|[^\s,."]+/g)].map((m) => m[1]?.replaceAll('""', '"') ?? m[0]);

/** The table and columns of a `COPY schema.table (columns) FROM stdin;` line of a SQL script, or null for any other line. */
export function parseCopyLine(line: string): TableRef | null {
  const match = /^COPY (.+?) \((.*)\) FROM stdin;$/.exec(line);
  if (!match) return null;
  const [schema, name] = identifiers(match[1]!);
  return schema && name ? { schema, name, columns: identifiers(match[2]!) } : null;
}

export type BackupKind = "snapshot" | "pg_dump";

/** What a backup file is, from its first bytes: our gzip snapshot or a pg_dump custom-format archive. */
export async function backupKind(file: string): Promise<BackupKind> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return "snapshot";
    if (bytesRead === 5 && buffer.toString("latin1") === "PGDMP") return "pg_dump";
  } finally {
    await handle.close();
  }
  throw new Error(`${file} is neither a Tianshan snapshot nor a pg_dump archive`);
}

/** The lines of a snapshot, decompressed, as a pull iterator (the restore reads it section by section). */
export function snapshotLines(file: string): AsyncIterator<string> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  return lines[Symbol.asyncIterator]();
}

export function parseHeader(line: string | undefined): BackupHeader {
  let json: unknown;
  try {
    json = line === undefined ? undefined : JSON.parse(line);
  } catch {
    json = undefined;
  }
  const parsed = ZBackupHeader.safeParse(json);
  if (!parsed.success) throw new Error(`Not a ${FORMAT} version ${FORMAT_VERSION} file: its first line is not the header it should be`);
  return parsed.data;
}

import { rename, rm } from "node:fs/promises";
import postgres from "postgres";
import { writeChecksum } from "./checksum";
import { chooseMethod, installedToolMajor, type Method } from "./method";
import { databaseMigrationLevel, type MigrationLevel } from "./migration-level";
import { pgDump } from "./pg-dump";
import { writeSnapshot } from "./snapshot";
import { countRows, listTables } from "./tables";

export type BackupResult = { method: Method; file: string; sha256: string; serverVersion: string; migration: MigrationLevel; rows: Map<string, number> };

/**
 * A consistent backup of the database at `url` into `file`, with `<file>.sha256` beside it. The
 * method is pg_dump when a fitting one is installed, else the snapshot format (method.ts); either
 * way every table is read in one REPEATABLE READ transaction: one instant of the whole database,
 * as pg_dump takes it, blocking no writer meanwhile. (DEFERRABLE would change nothing: it acts only
 * on SERIALIZABLE transactions, and the app's writers run at READ COMMITTED, outside what
 * SERIALIZABLE checks.)
 */
export async function backupDatabase(url: string, file: string, options: { method?: Method } = {}): Promise<BackupResult> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  // Written under another name first: a backup that fails half-way must not look like one.
  const partial = `${file}.partial`;
  try {
    const [server] = await sql<
      { version: string; num: string }[]
    >`SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num`;
    const serverVersion = server!.version;
    const method = options.method ?? chooseMethod(await installedToolMajor("pg_dump"), Number(server!.num));
    const { migration, rows } = await sql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", async (tx) => {
      const migration = await databaseMigrationLevel(tx);
      if (!migration) throw new Error("The database was never migrated: there is nothing of the app's to back up");
      const tables = await listTables(tx);
      if (method === "snapshot") return { migration, rows: await writeSnapshot(tx, partial, { serverVersion, migration, tables }) };
      // pg_dump reads the instant this transaction exported, so the rows counted here are those it wrote.
      const [exported] = await tx<{ id: string }[]>`SELECT pg_export_snapshot() AS id`;
      await pgDump(url, partial, exported!.id);
      return { migration, rows: await countRows(tx, tables) };
    });
    await rename(partial, file);
    return { method, file, sha256: await writeChecksum(file), serverVersion, migration, rows };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await sql.end();
  }
}

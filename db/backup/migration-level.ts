import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type postgres from "postgres";
import { migrationsFolder } from "~/db/migrate";

/** The last migration applied: drizzle identifies it by the SHA-256 of its file; the tag names it for people. */
export type MigrationLevel = { tag: string; hash: string };

/** The committed migrations in order, hashed as drizzle hashes them when it applies them. */
function committedMigrations(): MigrationLevel[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return readMigrationFiles({ migrationsFolder }).map((file, i) => ({ tag: journal.entries[i]!.tag, hash: file.hash }));
}

/** The level of the committed migrations, which a restore creates the schema with. */
export function codeMigrationLevel(): MigrationLevel {
  const last = committedMigrations().at(-1);
  if (!last) throw new Error(`No migrations in ${migrationsFolder}`);
  return last;
}

/** The database's level: drizzle's last applied migration, or null when it was never migrated. */
export async function databaseMigrationLevel(sql: postgres.Sql | postgres.TransactionSql): Promise<MigrationLevel | null> {
  const [table] = await sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`;
  if (!table?.present) return null;
  const [last] = await sql<{ hash: string }[]>`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1`;
  if (!last) return null;
  // A database migrated by other code has a hash no committed file has.
  return { hash: last.hash, tag: committedMigrations().find((m) => m.hash === last.hash)?.tag ?? "not in this code" };
}

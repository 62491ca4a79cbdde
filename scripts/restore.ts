import { restoreBackup } from "~/db/backup/restore";
import { MADE_BY_MIGRATIONS } from "~/db/backup/tables";
import { fail, withDatabase } from "./lib/launch";
import { rowsPerTable } from "./lib/rows-per-table";

// `npm run restore -- <file>`: brings a backup of `npm run backup` back into an empty database
// (DATABASE_URL, or the embedded server in DATA_DIR/pg). See db/backup/restore.ts for what it refuses.

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length) fail("Usage: npm run restore -- <backup file>   (its <file>.sha256 beside it)");

await withDatabase(async (database) => {
  const result = await restoreBackup(database.url, file);
  console.log(
    `Restored ${file} (${result.kind === "pg_dump" ? "pg_dump archive, read through pg_restore" : "snapshot"}), migration level ${result.migration.tag}.`,
  );
  console.log(`Schema: the committed migrations and pg-boss's tables and queues (${[...MADE_BY_MIGRATIONS].join(", ")} are theirs, not loaded).`);
  console.log(`Rows:\n${rowsPerTable(result.rows)}`);
});

import { mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase } from "~/db/backup/backup";
import { checksumFile } from "~/db/backup/checksum";
import { env } from "~/env.js";
import { fail, withDatabase } from "./lib/launch";
import { rowsPerTable } from "./lib/rows-per-table";

// `npm run backup [-- --out <file>]`: a consistent backup of the app's database (DATABASE_URL, or
// the embedded server in DATA_DIR/pg) with its SHA-256 checksum beside it. See db/backup/.

const { values } = (() => {
  try {
    return parseArgs({ options: { out: { type: "string" } } });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run backup [-- --out <file>]`);
  }
})();
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const file = values.out ?? join(env.DATA_DIR, "backups", `tianshan-${stamp}.backup`);

await withDatabase(async (database) => {
  await mkdir(dirname(file), { recursive: true });
  const result = await backupDatabase(database.url, file);
  const how =
    result.method === "pg_dump"
      ? "pg_dump custom-format archive, data only (this pg_dump is at least as new as the server)"
      : `snapshot in one REPEATABLE READ transaction (no pg_dump of PostgreSQL ${result.serverVersion.split(".")[0]} or newer here)`;
  const kb = (await stat(file)).size / 1024;
  console.log(`Backup written: ${file} (${kb < 1024 ? `${Math.ceil(kb)} kB` : `${(kb / 1024).toFixed(1)} MB`})`);
  console.log(`Method: ${how}`);
  console.log(`Server: PostgreSQL ${result.serverVersion}; migration level: ${result.migration.tag}`);
  console.log(`SHA-256: ${result.sha256} (in ${checksumFile(file)})`);
  console.log(`Rows:\n${rowsPerTable(result.rows)}`);
});

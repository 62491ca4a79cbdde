import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { toolMajor } from "./method";
import { BACKUP_SCHEMAS } from "./tables";

/**
 * The URL without its password, which goes in PGPASSWORD instead: a command line is readable by
 * every user of the machine (ps), the environment is not.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(Buffer.concat(out).toString("utf8")) : reject(new Error(`${tool} failed (${code}): ${Buffer.concat(err).toString("utf8").trim()}`)),
    );
  });
}

/**
 * The rows of the app's schemas into a pg_dump custom-format archive, reading the snapshot
 * `snapshotId` that the caller's transaction exported: the archive and what the caller read (rows,
 * migration level) are the same instant. Data only, tables in foreign-key order, partitions'
 * rows addressed to their parent: a restore makes the schema with the migrations and loads these
 * rows as it loads a snapshot's. (A full archive would not restore with pg_restore anyway: it
 * runs with an empty search_path, under which the generated column notices.excerpt cannot find
 * the function its expression calls.)
 */
export async function pgDump(url: string, file: string, snapshotId: string): Promise<void> {
  const { dbname, env } = connection(url);
  const schemas = BACKUP_SCHEMAS.map((schema) => `--schema=${schema}`);
  // Made first, readable by its owner only: pg_dump keeps the mode of a file that exists.
  await writeFile(file, "", { mode: 0o600 });
  await run(
    "pg_dump",
    ["--format=custom", "--data-only", "--load-via-partition-root", ...schemas, `--snapshot=${snapshotId}`, `--file=${file}`, `--dbname=${dbname}`],
    env,
  );
}

/** The version of pg_dump that wrote an archive, from its table of contents. */
export async function archiveDumpMajor(file: string): Promise<number | null> {
  const stdout = await run("pg_restore", ["--list", file], process.env);
  const line = /Dumped by pg_dump version:\s*([^\n]+)/.exec(stdout)?.[1];
  return line ? toolMajor(`(PostgreSQL) ${line}`) : null;
}

/** The last migration recorded in an archive's copy of drizzle's migrations table. */
export async function archiveMigrationHash(file: string): Promise<string | null> {
  const stdout = await run("pg_restore", ["--data-only", "--schema=drizzle", "--table=__drizzle_migrations", "--file=-", file], process.env);
  // COPY rows of (id, hash, created_at), between the COPY line and `\.`.
  const rows = stdout
    .split("\n")
    .filter((line) => /^\d+\t[0-9a-f]{64}\t\d+$/.test(line))
    .map((line) => line.split("\t"))
    .sort((a, b) => Number(a[2]) - Number(b[2]));
  return rows.at(-1)?.[1] ?? null;
}

/**
 * The archive as SQL text (pg_restore's script output), whose rows are `COPY … FROM stdin;`
 * blocks in the snapshot's own text format, as lines.
 */
export function archiveLines(file: string): { lines: AsyncIterator<string>; done: Promise<void> } {
  const child = spawn("pg_restore", ["--data-only", "--file=-", file], { stdio: ["ignore", "pipe", "pipe"] });
  const err: Buffer[] = [];
  child.stderr.on("data", (c: Buffer) => err.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`pg_restore failed (${code}): ${Buffer.concat(err).toString("utf8").trim()}`))));
  });
  return { lines: createInterface({ input: child.stdout, crlfDelay: Infinity })[Symbol.asyncIterator](), done };
}

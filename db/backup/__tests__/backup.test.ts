import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase } from "~/db/backup/backup";
import { checksumFile, writeChecksum } from "~/db/backup/checksum";
import { chooseMethod, installedToolMajor, type Method } from "~/db/backup/method";
import { restoreBackup } from "~/db/backup/restore";
import { ownedSequences, tablesWithRows } from "~/db/backup/tables";
import { db } from "~/db/index";
import * as schema from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { migrateAndSeedDemo } from "~/db/seed/like-demo";
import { audit } from "~/server/services/audit";
import { verifyAuditChain } from "~/server/services/audit-trail/verify";
import { callerFor } from "~/tests/callers";
import { withDatabase } from "~/tests/global-setup";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";

// The round trip of `npm run backup` / `npm run restore`: this file's database, seeded like the
// demo and with notices posted through the procedures, is backed up and restored into a new,
// empty database on the same server, which must then hold the same rows and carry on from them.

const source = process.env.DATABASE_URL!;
const admin = postgres(inject("serverUrl"), { max: 1, onnotice: () => {} });
const clients: postgres.Sql[] = [];
const created: string[] = [];
let folder = "";

async function emptyDatabase(): Promise<string> {
  const name = `tianshan_restore_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  created.push(name);
  return withDatabase(inject("serverUrl"), name);
}

function connect(url: string) {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  clients.push(client);
  return client;
}

// Content compared between source and copy: the audit chain, notices (with their generated
// columns, computed again on load), users, derived subscriptions and search words, queued jobs.
const FINGERPRINTED = ["audit_log", "notices", "users", "subscriptions", "search_words", "notice_events", "pgboss.job"];

async function fingerprint(sql: postgres.Sql) {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of FINGERPRINTED) {
    const [row] = await sql.unsafe(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${table} t`);
    result[table] = { rows: row!.rows as number, md5: row!.md5 as string };
  }
  return result;
}

const pgDumpFits = chooseMethod(await installedToolMajor("pg_dump"), Number((await admin`SHOW server_version_num`)[0]!.server_version_num)) === "pg_dump";

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "tianshan-backup-"));
  await migrateAndSeedDemo(source);
  const analyst = await createUser(db, { agencyId: "kg-mvd-sbnon", role: "analyst" });
  const { caller } = await callerFor(analyst);
  await createThrough(caller, seizureInput({ title: "Backed up: a seizure at Torugart" }));
  await createThrough(caller, companyInput({ title: "Backed up: a company alert" }));
}, 120_000);

afterAll(async () => {
  for (const client of clients) await client.end();
  for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await rm(folder, { recursive: true, force: true });
});

/** A backup by `method` (unset: the one `npm run backup` would choose here), restored into an empty database. */
async function roundTrip(method?: Method) {
  const file = join(folder, `${method ?? "chosen"}.backup`);
  const backup = await backupDatabase(source, file, { method });
  if (method) expect(backup.method).toBe(method);
  const target = await emptyDatabase();
  const restored = await restoreBackup(target, file);
  return { backup, restored, target };
}

async function expectSameData(target: string) {
  const copy = connect(target);
  expect(await fingerprint(copy)).toEqual(await fingerprint(connect(source)));
  const report = await verifyAuditChain(drizzle({ client: copy, schema, casing: "snake_case" }));
  expect(report).toMatchObject({ intact: true });
  expect(report.entries).toBeGreaterThan(10);
}

describe("backup and restore", () => {
  it("brings a snapshot back exactly: the same rows, the audit chain intact, sequences past every id", async () => {
    const { backup, restored, target } = await roundTrip("snapshot");
    const notices = backup.rows.get("public.notices")!;
    expect(notices).toBeGreaterThan(20);
    expect(restored.rows.get("public.notices")).toBe(notices);
    expect(restored.rows.get("public.audit_log")).toBe(backup.rows.get("public.audit_log"));
    expect(await readFile(checksumFile(backup.file), "utf8")).toBe(`${backup.sha256}  snapshot.backup\n`);
    await expectSameData(target);

    // It carries on: a new audit entry gets the next id and chains to the restored ones, and
    // every other sequence hands out ids past those restored.
    const copy = connect(target);
    const copyDb = drizzle({ client: copy, schema, casing: "snake_case" });
    const [{ last }] = (await copy`SELECT max(id)::int AS last FROM audit_log`) as unknown as [{ last: number }];
    await audit(copyDb, { action: "test.after-restore" });
    const [entry] = await copy`SELECT id::int AS id, prev_hash FROM audit_log WHERE action = 'test.after-restore'`;
    expect(entry!.id).toBeGreaterThan(last);
    expect(await verifyAuditChain(copyDb)).toMatchObject({ intact: true, lastId: entry!.id });
    for (const { sequence, owner, column } of await ownedSequences(copy)) {
      const [row] = await copy.unsafe(`SELECT nextval($1::regclass) > coalesce((SELECT max(${column}) FROM ${owner}), 0) AS past`, [sequence]);
      expect({ sequence, past: row!.past }).toEqual({ sequence, past: true });
    }
  }, 120_000);

  // Both runs of CI meet both cases: the machine's pg_dump 15 fits its PostgreSQL 15, not the
  // embedded PostgreSQL 18.
  it("uses pg_dump where one fits the server, else the snapshot, and brings either back the same way", async () => {
    const { backup, restored, target } = await roundTrip();
    expect(backup.method).toBe(pgDumpFits ? "pg_dump" : "snapshot");
    expect(restored.kind).toBe(backup.method);
    expect(restored.rows).toEqual(new Map([...backup.rows].filter(([name]) => restored.rows.has(name))));
    await expectSameData(target);
  }, 120_000);

  it("refuses a changed file, a database that holds rows, another migration level and rows PostgreSQL refuses, writing no row", async () => {
    const file = join(folder, "refused.backup");
    await backupDatabase(source, file, { method: "snapshot" });
    const target = await emptyDatabase();

    const bytes = await readFile(file);
    const tampered = join(folder, "tampered.backup");
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes[middle]! ^ 0xff, middle);
    await writeFile(tampered, bytes);
    await writeFile(checksumFile(tampered), await readFile(checksumFile(file)));
    await expect(restoreBackup(target, tampered)).rejects.toThrow(/does not match its checksum/);

    await expect(restoreBackup(source, file)).rejects.toThrow(/The database is not empty/);

    // Edited backups with checksums that fit: one of another migration level, one with a row twice.
    const [header, ...lines] = gunzipSync(await readFile(file))
      .toString("utf8")
      .split("\n");
    const edited = async (name: string, text: string[]) => {
      await writeFile(join(folder, name), gzipSync(text.join("\n")));
      await writeChecksum(join(folder, name));
      return join(folder, name);
    };
    const migration = { tag: "0016_notice_idempotency_digest", hash: "0".repeat(64) };
    await expect(restoreBackup(target, await edited("older.backup", [JSON.stringify({ ...JSON.parse(header!), migration }), ...lines]))).rejects.toThrow(
      /another migration level/,
    );
    const countries = lines.findIndex((line) => line.startsWith("KZ\t"));
    const twice = [header!, ...lines.slice(0, countries + 1), ...lines.slice(countries)];
    await expect(restoreBackup(target, await edited("twice.backup", twice))).rejects.toThrow(/refused the rows of public\.countries/);

    expect(await tablesWithRows(connect(target))).toEqual([]);
  }, 120_000);
});

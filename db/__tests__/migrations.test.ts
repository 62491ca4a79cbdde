import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { useDatabaseUrl } from "~/db/index";
import { runMigrations } from "~/db/migrate";
import { seedDemo } from "~/db/seed/demo";
import { seedReference } from "~/db/seed/reference";

// Starts from a database with nothing in it, not from the test template, to prove what a new
// installation goes through.
const name = `tianshan_empty_${randomBytes(5).toString("hex")}`;
const serverUrl = inject("serverUrl");
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
// The demo seed writes notices through the services, which use the application's connection.
useDatabaseUrl(url);
let client: postgres.Sql;

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  client = postgres(url, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await client.end();
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

/** Every row of every table, as one fingerprint: equal fingerprints mean nothing changed. */
async function fingerprint(): Promise<string> {
  const tables = await client<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const parts = await Promise.all(
    tables.map(async ({ tablename }) => {
      const [row] = await client.unsafe(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`);
      return `${tablename}:${row!.n}:${row!.h}`;
    }),
  );
  return parts.join("\n");
}

describe("a new installation", () => {
  it("migrates an empty database, and migrating again changes nothing", async () => {
    await runMigrations(url);
    const [{ n }] = (await client`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    const before = await fingerprint();
    await runMigrations(url);
    expect(await fingerprint()).toBe(before);
  });

  it("migrates once when machines start together: concurrent runs take turns", async () => {
    const together = `${name}_together`;
    await admin.unsafe(`CREATE DATABASE "${together}"`);
    const togetherUrl = Object.assign(new URL(serverUrl), { pathname: `/${together}` }).toString();
    try {
      await Promise.all([runMigrations(togetherUrl), runMigrations(togetherUrl), runMigrations(togetherUrl)]);
      const check = postgres(togetherUrl, { max: 1, onnotice: () => {} });
      const [applied] = await check<{ n: number }[]>`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
      const [single] = await client<{ n: number }[]>`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
      await check.end();
      expect(applied!.n).toBe(single!.n);
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${together}" WITH (FORCE)`);
    }
  });

  it("seeds reference and demo data once: seeding twice changes nothing", async () => {
    const { db } = await import("~/db/index");
    await seedReference(db);
    await seedDemo(db);
    const once = await fingerprint();
    await seedReference(db);
    await seedDemo(db);
    expect(await fingerprint()).toBe(once);
    const [{ crossings, substances, demo }] = (await client`
      SELECT (SELECT count(*)::int FROM crossings) AS crossings, (SELECT count(*)::int FROM substances) AS substances,
             (SELECT count(*)::int FROM users WHERE email LIKE '%@example.org') AS demo`) as unknown as [
      { crossings: number; substances: number; demo: number },
    ];
    expect({ crossings, substances }).toEqual({ crossings: 14, substances: 51 });
    expect(demo).toBeGreaterThanOrEqual(7);
  });

  it("writes every GIN index through, so no search reads a pending list (db/schema/columns.ts)", async () => {
    const gin = await client<{ name: string; options: string[] | null }[]>`
      SELECT c.relname AS name, c.reloptions AS options FROM pg_class c JOIN pg_am a ON a.oid = c.relam
      WHERE a.amname = 'gin' AND c.relnamespace = 'public'::regnamespace ORDER BY 1`;
    expect(gin.map((index) => index.name)).toContain("search_words_trgm_idx");
    // Stored as written: "off" by migration 0022's ALTER INDEX, "false" by a CREATE INDEX since.
    const writesThrough = (options: string[] | null) => options?.some((option) => /^fastupdate=(off|false)$/.test(option)) ?? false;
    expect(gin.filter((index) => !writesThrough(index.options)).map((index) => index.name)).toEqual([]);
  });

  it("computes a notice's excerpt whatever the session's search_path (pg_restore clears it)", async () => {
    const [row] = await client.begin(async (tx) => {
      await tx`SET LOCAL search_path = ''`;
      return tx<{ excerpt: string }[]>`SELECT public.notice_excerpt('**Acetic anhydride** in [drums](https://example.org)') AS excerpt`;
    });
    expect(row!.excerpt).toBe("Acetic anhydride in drums");
  });

  it("keeps the audit log append-only, even for the owner of the tables", async () => {
    await client`INSERT INTO audit_log (action) VALUES ('test.one'), ('test.two')`;
    await expect(client`UPDATE audit_log SET action = 'forged'`).rejects.toThrow(/append-only/);
    await expect(client`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
    await expect(client`TRUNCATE audit_log`).rejects.toThrow(/append-only/);
    const rows = await client<{ prev_hash: string | null; hash: string }[]>`SELECT prev_hash, hash FROM audit_log ORDER BY id`;
    expect(rows.at(-1)!.prev_hash).toBe(rows.at(-2)!.hash);
  });
});

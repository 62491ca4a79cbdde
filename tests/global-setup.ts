import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type RunningPostgres } from "~/db/embedded";
import { runMigrations } from "~/db/migrate";
import { seedReference } from "~/db/seed/reference";
import { freePort } from "~/scripts/lib/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let server: RunningPostgres | undefined;

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tianshan-test-"));
  // mkdtemp makes it private; as root the server runs as the "postgres" user, who must get in.
  await chmod(dir, 0o711);
  return dir;
}

export default async function setup(project: TestProject) {
  // Throw-away embedded server unless DATABASE_URL names one (CI runs the suite against both).
  server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({
        dir: join(await scratchDir(), "pg"),
        port: await freePort(),
        database: "tianshan_test",
        persistent: false,
      });
  const template = `tianshan_template_${process.pid}`;
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.unsafe(`CREATE DATABASE "${template}"`);
  const templateUrl = withDatabase(server.url, template);
  await runMigrations(templateUrl);
  const client = postgres(templateUrl, { max: 1, onnotice: () => {} });
  await seedReference(drizzle({ client, casing: "snake_case" }));
  await client.end();

  project.provide("serverUrl", server.url);
  project.provide("templateDatabase", template);

  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
    await server?.stop();
  };
}

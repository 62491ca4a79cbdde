import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type RunningPostgres } from "~/db/embedded";
import { freePort } from "~/scripts/lib/free-port";

/**
 * A database for one benchmark run, dropped afterwards: a fresh database on DATABASE_URL's server
 * when one is configured, otherwise an embedded PostgreSQL in a temporary folder.
 */
export async function throwAwayDatabase(serverUrl: string | undefined): Promise<RunningPostgres & { description: string }> {
  if (serverUrl) {
    const name = `tianshan_bench_${randomBytes(5).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    return {
      url: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
      description: `database ${name} on DATABASE_URL's server (dropped afterwards)`,
      stop: async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "tianshan-bench-"));
  // mkdtemp makes it private; as root the server runs as the "postgres" user, who must get in.
  await chmod(dir, 0o711);
  try {
    const server = await startEmbeddedPostgres({ dir: join(dir, "pg"), port: await freePort(), database: "tianshan_bench", persistent: false });
    return {
      url: server.url,
      description: `embedded PostgreSQL in ${dir} (deleted afterwards)`,
      stop: async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

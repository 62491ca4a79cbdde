import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "~/db/embedded";
import { freePort } from "~/scripts/lib/free-port";

/**
 * An embedded PostgreSQL in a temporary folder that the harness can crash and start again on the
 * same port and data: `crash` is an immediate shutdown (SIGQUIT to the postmaster, what
 * `pg_ctl stop -m immediate` sends: no checkpoint, crash recovery at the next start).
 */
export async function crashablePostgres() {
  const dir = await mkdtemp(join(tmpdir(), "tianshan-faults-"));
  // mkdtemp makes it private; as root the server runs as the "postgres" user, who must get in.
  await chmod(dir, 0o711);
  const options = { dir: join(dir, "pg"), port: await freePort(), database: "tianshan_faults", persistent: true };
  let server: RunningPostgres | null = await startEmbeddedPostgres(options).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const url = server.url;

  const postmasterPid = async () => Number((await readFile(join(options.dir, "postmaster.pid"), "utf8")).split("\n")[0]);
  const exited = async (pid: number) => {
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    url,
    description: `embedded PostgreSQL in ${dir} (deleted afterwards)`,
    async crash() {
      const pid = await postmasterPid();
      process.kill(pid, "SIGQUIT");
      await exited(pid);
      server = null;
    },
    async restart() {
      server = await startEmbeddedPostgres(options);
    },
    async stop() {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type CrashablePostgres = Awaited<ReturnType<typeof crashablePostgres>>;

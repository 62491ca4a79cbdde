import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type Method = "pg_dump" | "snapshot";

/** The major version in a PostgreSQL tool's `--version` line ("pg_dump (PostgreSQL) 15.20 (Debian …)" → 15). */
export function toolMajor(versionLine: string): number | null {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return match ? Number(match[1]) : null;
}

/**
 * pg_dump when there is one at least as new as the server (an older one refuses a newer server:
 * the system's pg_dump 15 and the embedded PostgreSQL 18); otherwise our snapshot.
 */
export function chooseMethod(pgDumpMajor: number | null, serverVersionNum: number): Method {
  return pgDumpMajor !== null && pgDumpMajor >= Math.floor(serverVersionNum / 10_000) ? "pg_dump" : "snapshot";
}

/** The major version of a PostgreSQL tool on the PATH, or null when there is none. */
export async function installedToolMajor(tool: "pg_dump" | "pg_restore"): Promise<number | null> {
  try {
    const { stdout } = await promisify(execFile)(tool, ["--version"]);
    return toolMajor(stdout);
  } catch {
    return null;
  }
}

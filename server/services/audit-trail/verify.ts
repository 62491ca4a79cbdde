import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/index";

const BATCH = 5_000;

export type ChainReport =
  { intact: true; entries: number; lastId: number | null } | { intact: false; entries: number; brokenId: number; problem: "hash_mismatch" | "chain_break" };

type Row = { id: string; prev_hash: string | null; hash: string | null; recomputed: string };

/**
 * Walks the audit log in id order (the chain's order) and recomputes every entry's hash with the
 * same SQL function the insert trigger used. An entry is broken when its stored hash is not the
 * hash of its own contents (it was edited) or its prev_hash is not the hash of the entry before
 * it (an entry before it was edited with its hash recomputed, removed, or inserted). Read in
 * pages, so a long log is never held in memory.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainReport> {
  let previous: string | null = null;
  let lastId = 0;
  let entries = 0;
  for (;;) {
    const rows = (await db.execute(sql`
      SELECT a.id::text AS id, a.prev_hash, a.hash, audit_log_entry_hash(a.prev_hash, a) AS recomputed
      FROM audit_log a WHERE a.id > ${lastId} ORDER BY a.id LIMIT ${BATCH}`)) as unknown as Row[];
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prev_hash !== previous) return { intact: false, entries, brokenId: id, problem: "chain_break" };
      if (row.hash !== row.recomputed) return { intact: false, entries, brokenId: id, problem: "hash_mismatch" };
      previous = row.hash;
      lastId = id;
      entries += 1;
    }
    if (rows.length < BATCH) return { intact: true, entries, lastId: entries ? lastId : null };
  }
}

import type postgres from "postgres";
import type { Tx } from "./index";

/**
 * The postgres.js transaction under a drizzle one, for what drizzle cannot send: named prepared
 * statements, and pg-boss's plain SQL with $n parameters. drizzle does not expose it, hence the cast.
 */
export const clientOf = (tx: Tx) => (tx._.session as unknown as { client: postgres.TransactionSql }).client;

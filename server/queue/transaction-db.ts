import type PgBoss from "pg-boss";
import { arrayLiteral } from "~/db/array-literal";
import type { Tx } from "~/db/index";
import { clientOf } from "~/db/transaction-client";

/** pg-boss's SQL run on the postgres.js transaction under drizzle's: its rows commit or roll back with the caller's. */
export function inTransaction(tx: Tx): PgBoss.Db {
  const client = clientOf(tx);
  return {
    executeSql: async (text, values) => {
      // pg-boss passes unset options as undefined (postgres.js refuses those), job ids as an
      // array for a ::uuid[] parameter, and the payload as an object for a ::jsonb parameter.
      const params = values.map((v) =>
        v === undefined ? null : Array.isArray(v) ? arrayLiteral(v) : v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      return { rows: [...(await client.unsafe(text, params))] };
    },
  };
}

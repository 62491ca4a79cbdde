import type { Sql } from "postgres";

/**
 * Request budgets, kept in PostgreSQL (`request_budgets`, migration 0014) so that every app
 * instance spends from the same one: one per signed-in user and one per client address. Each is a
 * generic cell rate (GCRA): `perSecond` units flow in, up to `burstSeconds` of them saved; a
 * request costs its units (server/http/request-cost.ts). A row holds the time at which its budget
 * would be full again (`tat`, epoch seconds); a missing or past row is a full budget.
 */
export type Budget = { perSecond: number; burstSeconds: number };
export type Budgets = { user: Budget; address: Budget };

const BURST_SECONDS = 10;
// An address may be a whole office behind one gateway: twenty users' worth.
const ADDRESS_FACTOR = 20;
// Refused requests are counted too, so a client that ignores Retry-After stays refused for as long
// as it keeps sending faster than its budget; the debt is capped, so it waits at most this long
// once it stops.
export const MAX_DEBT_SECONDS = 60;

export function budgetsFor(userPerSecond: number): Budgets {
  return {
    user: { perSecond: userPerSecond, burstSeconds: BURST_SECONDS },
    address: { perSecond: userPerSecond * ADDRESS_FACTOR, burstSeconds: BURST_SECONDS },
  };
}

/** `waitSeconds`: until a request like the refused one would fit (the refused one was counted). `locale`: the signed-in user's, to answer in. */
export type Decision = { allowed: boolean; waitSeconds: number; locale: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Spends `cost` units of the budget of the session's user (if the session exists) and of the
 * address, in one statement. A request the user's budget refuses is not charged to the address, so
 * one user flooding does not use up the budget of colleagues behind the same gateway.
 */
export async function spendBudget(sql: Sql, request: { sessionId: string | null; address: string | null; cost: number }, budgets: Budgets): Promise<Decision> {
  const sid = request.sessionId && UUID.test(request.sessionId) ? request.sessionId : null;
  const spend = spending(sql);
  const user = spend(request.cost / budgets.user.perSecond, budgets.user.burstSeconds);
  const address = spend(request.cost / budgets.address.perSecond, budgets.address.burstSeconds);
  const [row] = await sql<{ allowed: boolean; wait: number | null; locale: string | null }[]>`
    WITH owner AS (
      SELECT s.user_id, u.locale::text AS locale FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ${sid}::uuid
    ), by_user AS (
      INSERT INTO request_budgets AS b (key, tat, allowed)
      SELECT 'user:' || owner.user_id, ${user.fresh} FROM owner
      ${user.update}
    ), by_address AS (
      INSERT INTO request_budgets AS b (key, tat, allowed)
      SELECT ${`address:${request.address ?? "unknown"}`}, ${address.fresh}
      WHERE NOT EXISTS (SELECT 1 FROM by_user WHERE NOT by_user.allowed)
      ${address.update}
    )
    SELECT
      coalesce((SELECT allowed FROM by_user), true) AND coalesce((SELECT allowed FROM by_address), true) AS allowed,
      greatest((SELECT wait FROM by_user WHERE NOT allowed), (SELECT wait FROM by_address WHERE NOT allowed)) AS wait,
      (SELECT locale FROM owner) AS locale`;
  return { allowed: row!.allowed, waitSeconds: Math.max(0, row!.wait ?? 0), locale: row!.locale };
}

/**
 * GCRA, counting refused requests too: the budget is full again at `tat`; a request fits while it
 * would not push `tat` more than the burst past now; the debt is capped. The two fragments of an
 * upsert into `request_budgets AS b`: the values of a fresh row, and the update of a present one.
 */
function spending(sql: Sql) {
  const now = sql`extract(epoch FROM now())`;
  return (cost: number, burst: number) => ({
    fresh: sql`${now} + ${cost}::float8, ${cost}::float8 <= ${burst}::float8`,
    update: sql`ON CONFLICT (key) DO UPDATE SET
        allowed = greatest(b.tat, ${now}) + ${cost}::float8 - ${now} <= ${burst}::float8,
        tat = least(greatest(b.tat, ${now}) + ${cost}::float8, ${now} + ${burst + MAX_DEBT_SECONDS}::float8)
      RETURNING allowed, tat + ${cost}::float8 - ${burst}::float8 - ${now} AS wait`,
  });
}

/**
 * Spends `cost` units of an API key's own budget (server/api/rest/): a key is a client of its own,
 * whatever address or account it calls from, so one partner's runaway job does not spend another's.
 */
export async function spendKeyBudget(sql: Sql, keyId: string, cost: number, budget: Budget): Promise<Omit<Decision, "locale">> {
  const { fresh, update } = spending(sql)(cost / budget.perSecond, budget.burstSeconds);
  const [row] = await sql<{ allowed: boolean; wait: number }[]>`
    INSERT INTO request_budgets AS b (key, tat, allowed) VALUES (${`apikey:${keyId}`}, ${fresh})
    ${update}`;
  return { allowed: row!.allowed, waitSeconds: row!.allowed ? 0 : Math.max(0, row!.wait) };
}

/** Forgets budgets that are full again (a missing row means the same); for housekeeping. */
export async function forgetFullBudgets(sql: Sql): Promise<number> {
  const gone = await sql`DELETE FROM request_budgets WHERE tat <= extract(epoch FROM now())`;
  return gone.count;
}

import type { IncomingHttpHeaders } from "node:http";
import { MAX_BATCH_SIZE } from "~/server/api/request-guard";

/**
 * What a request costs against the requester's budget (server/http/request-budget.ts), in units
 * of roughly one plain tRPC read, or null for what costs next to nothing and carries no data
 * (the build's static files). Weighted by measured work: a search is several times a feed read
 * (bench/README.md), a rendered page several times its data.
 */
export const COSTS = { call: 1, search: 5, page: 5, prefetch: 1, action: 5 } as const;

// Procedures that search text: the heaviest reads there are.
const SEARCH_PROCEDURES = new Set(["notices.search", "audit.search"]);

const TRPC_PREFIX = "/api/trpc/";

export function requestCost(url: string | undefined, headers: IncomingHttpHeaders): number | null {
  const path = (url ?? "/").split("?", 1)[0]!;
  if (path.startsWith("/_next/static/") || path === "/favicon.ico") return null;
  if (path.startsWith(TRPC_PREFIX)) {
    // A batch names its procedures in the path, separated by commas: each call is paid for, up to
    // the most a batch may hold (a longer one is refused before any call runs).
    return path
      .slice(TRPC_PREFIX.length)
      .split(/,|%2C/i)
      .slice(0, MAX_BATCH_SIZE)
      .reduce((sum, procedure) => sum + (SEARCH_PROCEDURES.has(procedure) ? COSTS.search : COSTS.call), 0);
  }
  if (path.startsWith("/api/")) return COSTS.call;
  if (headers["next-action"]) return COSTS.action;
  if (headers["next-router-prefetch"]) return COSTS.prefetch;
  return COSTS.page;
}

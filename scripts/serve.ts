import cluster from "node:cluster";
import { env } from "~/env.js";
import { startAppServer } from "~/server/http/app-server";
import { budgetsFor } from "~/server/http/request-budget";
import { superviseWorkers } from "./lib/cluster";

// The app's HTTP server: Next's handler behind server/http/app-server.ts, never `next start` (which
// would let a client choose its own address). `npm start`, `npm run demo`, `npm run dev`, the e2e
// suite and the benchmarks run it as a child process (scripts/lib/launch.ts: `runAppServer`), with
// NODE_ENV set for the mode. `--dev`: Next's development server; `--hostname <h>`: listen there only.
// In production WEB_CONCURRENCY processes (node:cluster workers) share the port, and this one, the
// primary, keeps them running; the development server is always one process.
const at = process.argv.indexOf("--hostname");
const hostname = at > 0 ? process.argv[at + 1] : undefined;
const dev = process.argv.includes("--dev");
const announce = () => console.log(`> Tianshan serving on http://${hostname ?? "localhost"}:${env.PORT}${workers > 1 ? ` (${workers} worker processes)` : ""}`);
const workers = dev ? 1 : env.WEB_CONCURRENCY;

if (workers > 1 && cluster.isPrimary) {
  superviseWorkers(workers, announce);
} else {
  const running = await startAppServer({
    dev,
    dir: process.cwd(),
    hostname,
    port: env.PORT,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    budgets: budgetsFor(env.REQUEST_BUDGET_PER_SECOND),
  });
  if (cluster.isPrimary) announce();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void running.close().finally(() => process.exit(0)));
  }
}

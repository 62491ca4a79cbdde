import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { db } from "~/db/index";
import { sessionIdFromCookies } from "~/server/auth/viewer";
import { CLIENT_ADDRESS_HEADER, clientAddress, markClientAddressWritten } from "./client-address";
import { spendBudget, type Budgets } from "./request-budget";
import { compressResponses } from "./compressed-responses";
import { serverRenderedErrors } from "./error-documents";
import { staticBrotli } from "./static-brotli";
import { requestCost } from "./request-cost";
import { taxiiAddress } from "./taxii-address";
import { refuseTooManyRequests } from "./too-many-requests";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type FrontOptions = { trustedProxyHops: number; budgets: Budgets };

// With the database out of reach the app answers 503 on its own; the budget is not kept meanwhile,
// and no request waits for the database twice (the app has the same pause: server/api/trpc.ts).
const UNAVAILABLE_PAUSE_MS = 250;

/**
 * What every request passes before Next's handler: its client address, from the socket or the
 * trusted proxies, written over the header the app reads; then the budgets of its user and address
 * (one statement), a refusal answering 429 before Next does any work.
 */
export function inFront(handle: Handler, options: FrontOptions): Handler {
  let unavailableUntil = 0;
  return async (req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], options.trustedProxyHops);
    req.headers[CLIENT_ADDRESS_HEADER] = address ?? "";
    req.url = taxiiAddress(req.url);
    const cost = requestCost(req.url, req.headers);
    if (cost !== null && Date.now() >= unavailableUntil) {
      const decision = await sessionIdFromCookies(req.headers.cookie ?? null)
        .then((sessionId) => spendBudget(db.$client, { sessionId, address, cost }, options.budgets))
        .catch((error: unknown) => {
          // The error's code only: the statement's parameters name a user and an address.
          if (Date.now() >= unavailableUntil)
            console.error(`[budget] not kept for ${UNAVAILABLE_PAUSE_MS} ms: ${(error as { code?: string }).code ?? (error as Error).name}`);
          unavailableUntil = Date.now() + UNAVAILABLE_PAUSE_MS;
          return null;
        });
      if (decision && !decision.allowed) return refuseTooManyRequests(req, res, decision);
    }
    return handle(req, res);
  };
}

export type AppServerOptions = FrontOptions & { dev: boolean; dir: string; hostname?: string; port: number };

/**
 * Next's request handler (`next({ dev, dir })`) behind `inFront`, listening on the port. Each
 * node:cluster worker of scripts/serve.ts calls this on the same port (the budgets live in
 * PostgreSQL, so they hold across workers as across instances).
 */
export async function startAppServer(options: AppServerOptions): Promise<{ server: Server; close: () => Promise<void> }> {
  markClientAddressWritten();
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const brotli = options.dev ? null : staticBrotli(options.dir);
  const server = createServer(
    inFront(async (req, res) => {
      if (options.dev) return handle(req, res);
      if (await brotli?.(req, res)) return;
      compressResponses(req, res);
      serverRenderedErrors(req, res, handle);
      return handle(req, res);
    }, options),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, resolve);
  });
  return {
    server,
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      // Kept-alive connections and event streams would hold the close open.
      server.closeAllConnections();
      await closed;
      await app.close();
    },
  };
}

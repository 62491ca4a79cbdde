import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddress, markClientAddressWritten } from "./client-address";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type FrontOptions = { trustedProxyHops: number };

/**
 * What every request passes before Next's handler: its client address, from the socket or the
 * trusted proxies, written over the header the app reads.
 */
export function inFront(handle: Handler, options: FrontOptions): Handler {
  return async (req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], options.trustedProxyHops);
    req.headers[CLIENT_ADDRESS_HEADER] = address ?? "";
    return handle(req, res);
  };
}

export type AppServerOptions = FrontOptions & { dev: boolean; dir: string; hostname?: string; port: number };

/**
 * Next's request handler (`next({ dev, dir })`) behind `inFront`, listening on the port. One
 * process serves; for more cores, node:cluster workers would each call this on the same port.
 */
export async function startAppServer(options: AppServerOptions): Promise<{ server: Server; close: () => Promise<void> }> {
  markClientAddressWritten();
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const server = createServer(inFront(app.getRequestHandler(), options));
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

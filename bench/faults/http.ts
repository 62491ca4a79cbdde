import { Agent, request } from "node:http";

// The harness's HTTP client, on node:http rather than fetch: it can choose the source address
// (127.0.0.x: distinct client addresses for the sign-in throttle) and cut a request once its
// body is sent. Keep-alive, as browsers keep their connections.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

export type RequestInit = { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string; timeoutMs?: number };

function open(url: string, init: RequestInit) {
  const body = typeof init.body === "string" ? Buffer.from(init.body) : init.body;
  const headers = { ...init.headers, ...(body ? { "content-length": String(body.byteLength) } : {}) };
  const req = request(url, { method: init.method ?? "GET", headers, agent, localAddress: init.localAddress });
  return { req, body };
}

/**
 * A fetch-shaped request: resolves with a Response (Set-Cookie headers kept apart, as fetch does).
 * A kept-alive connection the server closed just as it was reused is retried once on a new one,
 * as browsers do (Node's documented pattern): that race is the client's, not an error of the app.
 */
export function httpFetch(url: string, init: RequestInit = {}, retried = false): Promise<Response> {
  return new Promise((resolve, reject) => {
    const { req, body } = open(url, init);
    req.setTimeout(init.timeoutMs ?? 60_000, () => req.destroy(new Error(`no answer within ${init.timeoutMs ?? 60_000} ms`)));
    req.once("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET" && !retried) resolve(httpFetch(url, init, true));
      else reject(error);
    });
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.once("error", reject);
      res.once("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        const status = res.statusCode ?? 0;
        const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
        resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    req.end(body);
  });
}

/**
 * Sends a request and drops the connection as soon as its body is written, before any answer:
 * what a phone losing its network right after tapping "Publish" does to the server.
 */
export function sendAndCut(url: string, init: RequestInit = {}): Promise<void> {
  return new Promise((resolve) => {
    const { req, body } = open(url, { ...init, headers: { ...init.headers, connection: "close" } });
    req.once("error", () => resolve());
    req.once("finish", () => {
      // "finish": the body is handed to the socket; let it flush before cutting.
      setImmediate(() => {
        req.destroy();
        resolve();
      });
    });
    req.end(body);
  });
}

export const closeIdleConnections = () => agent.destroy();

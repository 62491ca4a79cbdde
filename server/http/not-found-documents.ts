import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * An address no route matches: Next answers it with the not-found page rendered on the server,
 * inside the root layout (the reader's language, `lang` included).
 */
export const NOT_FOUND_DOCUMENT_PATH = "/_tianshan/not-found";

// Next's production build answers a page that calls notFound() with an empty error shell
// (`<html id="__next_error__">`, no `lang`, nothing in <body>) and draws the not-found page only
// once its scripts run (vercel/next.js#62228, #98295): without JavaScript a hidden or missing
// notice is a blank page. An unmatched address is rendered on the server. So a document answered
// with that shell is answered again as an unmatched address, before a byte of it has left.
const ERROR_SHELL = '<html id="__next_error__"';

// Where Next keeps what it learnt of a request; a second pass must not inherit the first's.
const REQUEST_META = Symbol.for("NextInternalRequestMeta");

/** A page request that a browser loads as a document (not a Server Components payload). */
function isDocumentRequest(req: IncomingMessage): boolean {
  return req.method === "GET" && req.headers.rsc === undefined && !req.url?.startsWith("/_next/") && !req.url?.startsWith("/api/");
}

type Call = (...args: unknown[]) => unknown;

/**
 * Watches the answer to a document request: a 404 whose body starts as Next's empty error shell is
 * not sent; `answerAgain` (Next's handler) answers the request as the unmatched address instead,
 * which renders the same not-found page on the server. Any other answer passes as it is, from its
 * first byte. Hidden and missing notices take the same path, so they stay indistinguishable.
 */
export function serverRenderedNotFound(
  req: IncomingMessage,
  res: ServerResponse,
  answerAgain: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): void {
  if (!isDocumentRequest(req)) return;
  const { write, end, writeHead } = res as unknown as Record<"write" | "end" | "writeHead", Call>;
  let state: "undecided" | "passing" | "replacing" = "undecided";

  // Put back only to answer again. An answer that passes keeps these wrappers, which then call
  // straight through: putting the originals back would drop a wrapper installed after them (Next's
  // gzip, for a client that takes no brotli), and the rest of the page would leave uncompressed.
  const restore = () => Object.assign(res, { write, end, writeHead });
  const text = (chunk: unknown) => (typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("latin1", 0, 512) : "");
  const decide = (first: unknown) => {
    const html = /^text\/html\b/i.test(String(res.getHeader("content-type") ?? ""));
    state = res.statusCode === 404 && html && text(first).includes(ERROR_SHELL) ? "replacing" : "passing";
  };

  // Headers wait for the first byte of the body, which says whether this answer is sent at all.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (state !== "undecided") return writeHead.call(res, status, ...rest);
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null && !Array.isArray(arg)) as Record<string, string> | undefined;
    if (rest.some((arg) => Array.isArray(arg))) {
      state = "passing";
      return writeHead.call(res, status, ...rest);
    }
    for (const [key, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(key, value);
    res.statusCode = status;
    return res;
  }) as ServerResponse["writeHead"];

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (state === "undecided") decide(chunk);
    if (state === "passing") return write.call(res, chunk, ...rest);
    const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    done?.();
    return true;
  }) as ServerResponse["write"];

  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (state === "undecided") decide(typeof chunk === "function" ? undefined : chunk);
    if (state === "passing") return end.call(res, chunk, ...rest);
    restore();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    req.url = NOT_FOUND_DOCUMENT_PATH;
    Reflect.deleteProperty(req, REQUEST_META);
    // Each render registers its own close listeners (its abort signals, its cleanup), and the
    // first one's stay until the response closes: room for the second's, or Node warns of a leak
    // (MaxListenersExceededWarning) in the log of every page a reader may not see.
    res.setMaxListeners(res.getMaxListeners() * 2);
    answerAgain(req, res).catch((error: unknown) => res.destroy(error as Error));
    return res;
  }) as ServerResponse["end"];
}

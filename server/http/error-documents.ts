import type { IncomingMessage, ServerResponse } from "node:http";
import { failedPage } from "./failed-page";

/**
 * An address no route matches: Next answers it with the not-found page rendered on the server,
 * inside the root layout (the reader's language, `lang` included).
 */
export const NOT_FOUND_DOCUMENT_PATH = "/_tianshan/not-found";

// Next's production build answers a page that calls notFound(), or whose rendering failed, with an
// empty error shell (`<html id="__next_error__">`, no `lang`, nothing in <body>) and draws the
// not-found or error page only once its scripts run (vercel/next.js#62228, #98295): without
// JavaScript a hidden or missing notice, or a failure, is a blank page. So a document answered with
// that shell never leaves: a 404 is answered again as an unmatched address, which Next renders on
// the server; a failure (5xx) with a page of our own (failed-page.ts), which needs neither Next's
// rendering nor the database that may be what failed.
const ERROR_SHELL = '<html id="__next_error__"';
// The failure's digest (what error.tsx shows, the key to the server's log) is in the shell's
// payload, escaped in a script: `\"digest\":\"2520570697\"`.
const DIGEST = /\\?"digest\\?":\\?"([\w-]{1,64})\\?"/;
// What is kept of a failure's shell to find its digest in.
const SHELL_MAX_CHARS = 64 * 1024;

// Where Next keeps what it learnt of a request; a second pass must not inherit the first's.
const REQUEST_META = Symbol.for("NextInternalRequestMeta");

/** A page request that a browser loads as a document (not a Server Components payload). */
function isDocumentRequest(req: IncomingMessage): boolean {
  return req.method === "GET" && req.headers.rsc === undefined && !req.url?.startsWith("/_next/") && !req.url?.startsWith("/api/");
}

type Call = (...args: unknown[]) => unknown;

/**
 * Watches the answer to a document request whose body starts as Next's empty error shell: a 404 is
 * not sent, `answerAgain` (Next's handler) answers the request as the unmatched address instead,
 * which renders the same not-found page on the server (hidden and missing notices take the same
 * path, so they stay indistinguishable); a 5xx is not sent either, the failed page is, in the
 * reader's language, with the failure's reference. Any other answer passes as it is, from its
 * first byte.
 */
export function serverRenderedErrors(
  req: IncomingMessage,
  res: ServerResponse,
  answerAgain: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): void {
  if (!isDocumentRequest(req)) return;
  const { write, end, writeHead } = res as unknown as Record<"write" | "end" | "writeHead", Call>;
  let state: "undecided" | "passing" | "replacing" | "failed" = "undecided";
  let shell = "";

  // Put back only to answer again. An answer that passes keeps these wrappers, which then call
  // straight through: putting the originals back would drop a wrapper installed after them (Next's
  // compression, which compresses nothing since compressed-responses.ts does, but still wraps).
  const restore = () => Object.assign(res, { write, end, writeHead });
  const text = (chunk: unknown, max: number) =>
    typeof chunk === "string" ? chunk.slice(0, max) : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("latin1", 0, max) : "";
  const decide = (first: unknown) => {
    const html = /^text\/html\b/i.test(String(res.getHeader("content-type") ?? ""));
    const errorShell = html && text(first, 512).includes(ERROR_SHELL);
    state = !errorShell ? "passing" : res.statusCode === 404 ? "replacing" : res.statusCode >= 500 ? "failed" : "passing";
  };
  const keep = (chunk: unknown) => {
    if (state === "failed" && shell.length < SHELL_MAX_CHARS) shell += text(chunk, SHELL_MAX_CHARS - shell.length);
  };

  // Headers wait for the first byte of the body, which says whether this answer is sent at all.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (state === "passing") return writeHead.call(res, status, ...rest);
    // The head of an answer that is not sent is not sent either (Next's compression asks for it
    // again before each write until one has left).
    if (state !== "undecided") return res;
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
    keep(chunk);
    const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    done?.();
    return true;
  }) as ServerResponse["write"];

  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (state === "undecided") decide(typeof chunk === "function" ? undefined : chunk);
    if (state === "passing") return end.call(res, chunk, ...rest);
    restore();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    if (state === "failed") {
      if (typeof chunk !== "function") keep(chunk);
      failedPage(req, DIGEST.exec(shell)?.[1] ?? null).then(
        (page) => {
          for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
          end.call(res, page.body);
        },
        (error: unknown) => res.destroy(error as Error),
      );
      return res;
    }
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

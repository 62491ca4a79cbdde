import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from "node:zlib";
import { acceptsCoding } from "./static-brotli";

// Documents, Server Components payloads and API answers; never event streams (each event must
// leave at once) nor images and fonts (compressed already).
const COMPRESSIBLE = /^(text\/html|text\/x-component|application\/json|text\/plain)\b/i;
// Below this an answer is not worth a compressor (headers alone are ~500 bytes).
const MIN_LENGTH = 1024;
// Quality 7: ~3% smaller than 5 on the app's pages (a notice's page 16.3 → 15.8 KB) for ~0.5 ms
// more per page, paid once by the server against ~15 ms on a 256 kbps link; 5 is about gzip's
// speed, 9 costs ~20 ms a page for 0.5% more, 11 (as for the static files) ~100–200 ms.
const QUALITY = 7;
// A 512 KB window instead of 4 MB: the pages are a few hundred kilobytes at most, and each answer
// being compressed holds its window in memory.
const WINDOW_BITS = 19;

/** The compressor of a content coding, and how it sends what it holds so far. */
function compressorFor(coding: "br" | "gzip"): { stream: BrotliCompress | Gzip; flush: () => void } {
  if (coding === "gzip") {
    // zlib's default level, as Next's own gzip; a sync flush keeps the dictionary between parts.
    const gzip = createGzip();
    return { stream: gzip, flush: () => gzip.flush(constants.Z_SYNC_FLUSH) };
  }
  const brotli = createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
    },
  });
  return { stream: brotli, flush: () => brotli.flush(constants.BROTLI_OPERATION_FLUSH) };
}

/**
 * Next compresses its dynamic answers with gzip only. For a client that takes brotli, this hides
 * the Accept-Encoding from Next (which then sends them as they are) and compresses them here,
 * streamed: whatever Next writes in one turn of the event loop is flushed together, so the first
 * part of a streamed page (the first notices of the feed) leaves as soon as it did before. A
 * client that takes gzip only gets gzip from here too, so that what Next writes reaches the app
 * server's other watchers as it is (error-documents.ts reads the start of a page).
 */
export function compressResponses(req: IncomingMessage, res: ServerResponse): void {
  const accepted = req.headers["accept-encoding"];
  const coding = acceptsCoding(accepted, "br") ? "br" : acceptsCoding(accepted, "gzip") ? "gzip" : null;
  if (req.method === "HEAD" || coding === null) return;
  req.headers["accept-encoding"] = "identity";

  type Call = (...args: unknown[]) => unknown;
  const write = res.write.bind(res) as Call;
  const end = res.end.bind(res) as Call;
  const writeHead = res.writeHead.bind(res) as Call;
  let compressor: ReturnType<typeof compressorFor> | null = null;
  let decided = false;
  let flushQueued = false;

  const decide = (length: number | null) => {
    if (decided) return;
    decided = true;
    const type = String(res.getHeader("content-type") ?? "");
    const declared = Number(res.getHeader("content-length") ?? NaN);
    const size = Number.isNaN(declared) ? length : declared;
    if (!COMPRESSIBLE.test(type) || res.getHeader("content-encoding") || [204, 304].includes(res.statusCode)) return;
    if (size !== null && size < MIN_LENGTH) return;
    const vary = String(res.getHeader("vary") ?? "");
    if (!/\baccept-encoding\b/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    res.setHeader("content-encoding", coding);
    res.removeHeader("content-length");
    const chosen = compressorFor(coding);
    chosen.stream.on("data", (data: Buffer) => {
      if (write(data) === false) chosen.stream.pause();
    });
    res.on("drain", () => chosen.stream.resume());
    chosen.stream.on("end", () => end());
    chosen.stream.on("error", (error) => res.destroy(error));
    compressor = chosen;
  };

  const flushSoon = () => {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      compressor?.flush();
    });
  };
  const bytes = (chunk: unknown, encoding: unknown) =>
    typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : (chunk as Uint8Array);

  // The head waits for the first write: a short body is answered uncompressed, and its length is
  // only known then. Node sends the head with that write (calling this again, once decided).
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null && !Array.isArray(arg)) as OutgoingHttpHeaders | undefined;
    if (decided || rest.some((arg) => Array.isArray(arg))) return writeHead(status, ...rest);
    for (const [key, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(key, value);
    const message = rest.find((arg) => typeof arg === "string");
    if (typeof message === "string") res.statusMessage = message;
    res.statusCode = status;
    return res;
  }) as ServerResponse["writeHead"];

  // While compressing, every write is taken (returns true): the compressor buffers what the
  // socket has not taken yet, and a page is tens of kilobytes.
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!res.headersSent) decide(null);
    if (!compressor) return write(chunk, encoding, callback);
    compressor.stream.write(bytes(chunk, encoding));
    if (typeof encoding === "function") (encoding as () => void)();
    else if (typeof callback === "function") (callback as () => void)();
    flushSoon();
    return true;
  }) as ServerResponse["write"];

  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    const body = typeof chunk === "function" ? undefined : chunk;
    if (!res.headersSent) decide(body == null ? 0 : Buffer.byteLength(bytes(body, encoding)));
    if (!compressor) return end(chunk, encoding, callback);
    const done = [chunk, encoding, callback].find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (done) res.once("finish", done);
    if (body != null) compressor.stream.write(bytes(body, encoding));
    compressor.stream.end();
    return res;
  }) as ServerResponse["end"];

  // Next calls it after each streamed chunk when a compressor is in place.
  (res as ServerResponse & { flush?: () => void }).flush = flushSoon;
}

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliResponses } from "~/server/http/brotli-responses";
import { NOT_FOUND_DOCUMENT_PATH, serverRenderedNotFound } from "~/server/http/not-found-documents";

const ERROR_SHELL = '<!DOCTYPE html><html id="__next_error__"><head></head><body><div hidden=""></div>';
const NOT_FOUND_PAGE = '<!DOCTYPE html><html lang="ru"><body><main><h1>404</h1><p>Такой страницы нет.</p></main></body></html>';

let server: Server;
let base: string;

// Next's handler registers close listeners of its own on every response it renders (its abort
// signals, the render's cleanup): about half of Node's default limit of ten.
const CLOSE_LISTENERS_PER_RENDER = 6;

/** What Next's handler answers, as this build of Next does: notFound() as the empty error shell, streamed. */
async function next(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (let i = 0; i < CLOSE_LISTENERS_PER_RENDER; i++) res.on("close", () => undefined);
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("x-pass", req.url === NOT_FOUND_DOCUMENT_PATH ? "second" : "first");
  if (req.url === NOT_FOUND_DOCUMENT_PATH) {
    res.statusCode = 404;
    return void res.end(NOT_FOUND_PAGE);
  }
  if (req.url === "/notices/hidden") {
    res.statusCode = 404;
    res.flushHeaders();
    res.write(ERROR_SHELL);
    await new Promise((resolve) => setImmediate(resolve));
    res.write('<script>self.__next_f.push([1,"the not-found page, to be drawn by scripts"])</script>');
    return void res.end("</body></html>");
  }
  if (req.url === "/notices/streamed") {
    res.statusCode = 200;
    res.write('<!DOCTYPE html><html lang="en"><body><main>a page');
    await new Promise((resolve) => setTimeout(resolve, 20));
    return void res.end(", streamed</main></body></html>");
  }
  if (req.url === "/unmatched") {
    res.statusCode = 404;
    return void res.end(NOT_FOUND_PAGE);
  }
  res.writeHead(200).end('<!DOCTYPE html><html lang="en"><body><main>a page</main></body></html>');
}

/** Next's own compression, for a client that takes gzip only (asked here as exactly "gzip"): its wrapper goes on after the watcher's. */
function gzipped(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers["accept-encoding"] !== "gzip") return;
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as () => ServerResponse;
  const gzip = createGzip();
  gzip.on("data", (data: Buffer) => write(data));
  gzip.on("end", () => end());
  res.write = ((chunk: string | Uint8Array) => {
    if (!res.headersSent) res.setHeader("content-encoding", "gzip");
    gzip.write(chunk);
    gzip.flush();
    return true;
  }) as ServerResponse["write"];
  res.end = ((chunk?: string | Uint8Array) => {
    if (!res.headersSent) res.setHeader("content-encoding", "gzip");
    if (chunk) gzip.write(chunk);
    gzip.end();
    return res;
  }) as ServerResponse["end"];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    brotliResponses(req, res);
    serverRenderedNotFound(req, res, next);
    gzipped(req, res);
    void next(req, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, pass: response.headers.get("x-pass"), encoding: response.headers.get("content-encoding"), body: await response.text() };
};

describe("server-rendered not-found documents", () => {
  it("answers a page's empty not-found shell again as the unmatched address: the not-found page itself, in HTML", async () => {
    for (const encoding of ["br", "identity"]) {
      const answer = await get("/notices/hidden", { "accept-encoding": encoding });
      expect(answer).toMatchObject({ status: 404, pass: "second", body: NOT_FOUND_PAGE });
      expect(answer.encoding).toBe(null);
    }
  });

  it("gives the second render room for its own close listeners: no leak warning for a response rendered twice", async () => {
    const warnings: Error[] = [];
    const warned = (warning: Error) => warnings.push(warning);
    process.on("warning", warned);
    try {
      expect(await get("/notices/hidden")).toMatchObject({ status: 404, pass: "second" });
      // Node reports the warning on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", warned);
    }
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("leaves every other answer as it is: a page, an unmatched address, a Server Components request", async () => {
    expect(await get("/notices/visible")).toMatchObject({ status: 200, pass: "first", body: expect.stringContaining("a page") });
    expect(await get("/unmatched")).toMatchObject({ status: 404, pass: "first", body: NOT_FOUND_PAGE });
    const gzip = await get("/notices/streamed", { "accept-encoding": "gzip" });
    expect(gzip).toMatchObject({ status: 200, encoding: "gzip", body: expect.stringContaining("a page, streamed") });
    const payload = await get("/notices/hidden", { rsc: "1" });
    expect(payload).toMatchObject({ status: 404, pass: "first", body: expect.stringContaining("__next_error__") });
  });
});

import { once } from "node:events";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponses } from "~/server/http/compressed-responses";
import ru from "~/i18n/messages/ru/errors.json";
import zh from "~/i18n/messages/zh/errors.json";
import { NOT_FOUND_DOCUMENT_PATH, serverRenderedErrors } from "~/server/http/error-documents";

const ERROR_SHELL = '<!DOCTYPE html><html id="__next_error__"><head></head><body><div hidden=""></div>';
// Next's shell of a failed render: its digest comes in the payload, after the first chunk.
const FAILED_PAYLOAD = '<script>self.__next_f.push([1,"0:{\\"P\\":null}\\n4:E{\\"digest\\":\\"2520570697\\"}\\n"])</script>';
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
  if (req.url?.includes("/feed")) {
    // Next's compression asks for the head before each write until one has been sent.
    const head = () => void (res.headersSent || res.writeHead(500));
    head();
    res.write(ERROR_SHELL);
    await new Promise((resolve) => setImmediate(resolve));
    head();
    res.write(FAILED_PAYLOAD);
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

beforeAll(async () => {
  server = createServer((req, res) => {
    compressResponses(req, res);
    serverRenderedErrors(req, res, next);
    void next(req, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}${path}`, { headers });
  return {
    status: response.status,
    pass: response.headers.get("x-pass"),
    encoding: response.headers.get("content-encoding"),
    policy: response.headers.get("content-security-policy"),
    body: await response.text(),
  };
};

describe("server-rendered error documents", () => {
  it("answers a page's empty not-found shell again as the unmatched address: the not-found page itself, in HTML", async () => {
    for (const encoding of ["br", "gzip", "identity"]) {
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

  it("answers a failed render's empty shell with the failed page: the reader's language, the failure's reference, no script", async () => {
    for (const encoding of ["br", "gzip", "identity"]) {
      const answer = await get("/feed?kind=seizure&q=%22%3E%3Cscript%3E", { "accept-encoding": encoding, "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" });
      // Next's headers are not kept: the page comes with its own.
      expect(answer).toMatchObject({ status: 500, pass: null });
      expect(answer.body).toContain('<html lang="ru">');
      expect(answer.body).toContain(`<h1>${ru.pageFailed}</h1>`);
      expect(answer.body).toContain(ru.reference.replace("{id}", "2520570697"));
      // Asks for the same address again, escaped as the page writes it.
      expect(answer.body).toContain('<a href="/feed?kind=seizure&#38;q=%22%3E%3Cscript%3E">');
      expect(answer.body).not.toMatch(/<script|__next_error__/);
      expect(answer.policy).toContain("default-src 'none'");
    }
    // A request line naming another host gets a link to this site's path, not to that host.
    for (const path of ["//elsewhere.example/feed", "/.//elsewhere.example/feed"]) {
      const answer = await new Promise<string>((resolve, reject) => {
        const req = request(`${base}/feed`, { path }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve(body));
        });
        req.on("error", reject);
        req.end();
      });
      expect(answer, path).toMatch(/<a href="\/(?!\/)[^"]*feed">/);
    }
    // The language cookie before the browser's.
    const chinese = await get("/feed", { cookie: "tianshan.locale=zh", "accept-language": "ru" });
    expect(chinese.body).toContain('<html lang="zh">');
    expect(chinese.body).toContain(zh.pageFailed);
  });

  it("leaves every other answer as it is: a page, an unmatched address, a Server Components request", async () => {
    expect(await get("/notices/visible")).toMatchObject({ status: 200, pass: "first", body: expect.stringContaining("a page") });
    expect(await get("/unmatched")).toMatchObject({ status: 404, pass: "first", body: NOT_FOUND_PAGE });
    const gzip = await get("/notices/streamed", { "accept-encoding": "gzip" });
    expect(gzip).toMatchObject({ status: 200, encoding: "gzip", body: expect.stringContaining("a page, streamed") });
    const payload = await get("/notices/hidden", { rsc: "1" });
    expect(payload).toMatchObject({ status: 404, pass: "first", body: expect.stringContaining("__next_error__") });
    const failedPayload = await get("/feed", { rsc: "1" });
    expect(failedPayload).toMatchObject({ status: 500, body: expect.stringContaining("__next_error__") });
  });
});

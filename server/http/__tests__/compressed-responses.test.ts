import { once } from "node:events";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, createBrotliDecompress, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponses } from "~/server/http/compressed-responses";

const HEAD = `<!DOCTYPE html><html><head><title>feed</title></head><body>${"<tr><td>a notice of the feed</td></tr>".repeat(100)}`;
const TAIL = `${"<tr><td>a later notice</td></tr>".repeat(100)}</body></html>`;
let server: Server;
let base: string;
// Set by the streamed page: lets it write its end once the test has seen its start arrive.
let releaseTail: (() => void) | null = null;

/** What the app's handler would answer, behind `compressResponses` as in server/http/app-server.ts. */
beforeAll(async () => {
  server = createServer((req, res) => {
    compressResponses(req, res);
    // Next hides nothing from us: record what it was told the client accepts.
    res.setHeader("x-seen-accept-encoding", String(req.headers["accept-encoding"] ?? ""));
    if (req.url === "/page") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(HEAD + TAIL);
    if (req.url === "/streamed") {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.write(HEAD);
      releaseTail = () => res.end(TAIL);
      return;
    }
    if (req.url === "/small") return void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    if (req.url === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      return void res.end(`data: ${"x".repeat(2000)}\n\n`);
    }
    if (req.url === "/image") return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(4000));
    res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function open(path: string, acceptEncoding: string) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { "accept-encoding": acceptEncoding } }, resolve);
    req.on("error", reject);
    req.end();
  });
}

async function get(path: string, acceptEncoding: string) {
  const res = await open(path, acceptEncoding);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { headers: res.headers, body: Buffer.concat(chunks) };
}

describe("compression of the app's answers", () => {
  it("compresses a page for a browser that takes brotli, and Next is told to send it as it is", async () => {
    const { headers, body } = await get("/page", "gzip, deflate, br");
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["content-length"]).toBeUndefined();
    expect(headers.vary).toBe("Accept-Encoding");
    expect(headers["x-seen-accept-encoding"]).toBe("identity");
    expect(brotliDecompressSync(body).toString()).toBe(HEAD + TAIL);
    expect(body.length).toBeLessThan((HEAD + TAIL).length / 10);
  });

  it("sends the start of a streamed page before its end is written", async () => {
    const res = await open("/streamed", "br");
    expect(res.headers["content-encoding"]).toBe("br");
    const text = res.pipe(createBrotliDecompress());
    let received = "";
    for await (const chunk of text) {
      received += (chunk as Buffer).toString();
      if (received === HEAD) releaseTail!();
    }
    expect(received).toBe(HEAD + TAIL);
  });

  it("compresses with gzip for a client that takes no brotli, and Next is told to send it as it is", async () => {
    const { headers, body } = await get("/page", "gzip, deflate");
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers["x-seen-accept-encoding"]).toBe("identity");
    expect(gunzipSync(body).toString()).toBe(HEAD + TAIL);
  });

  it("leaves a client that takes neither, and small answers, event streams and images as they are", async () => {
    const plain = await get("/page", "deflate");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["x-seen-accept-encoding"]).toBe("deflate");
    for (const path of ["/small", "/events", "/image"]) {
      const { headers, body } = await get(path, "br");
      expect(headers["content-encoding"], path).toBeUndefined();
      expect(body.length, path).toBeGreaterThan(0);
    }
    expect((await get("/events", "br")).body.toString()).toContain("data: xxx");
  });
});

import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsBrotli, staticBrotli } from "~/server/http/static-brotli";

const SCRIPT = `console.log(${JSON.stringify("a chunk of the build ".repeat(200))});`;
let dir: string;
let server: Server;
let base: string;

/** The raw answer (no decoding), as a browser receives it. */
function get(path: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "static-brotli-"));
  await mkdir(join(dir, ".next", "static", "chunks"), { recursive: true });
  await writeFile(join(dir, ".next", "static", "chunks", "app.js"), SCRIPT);
  await writeFile(join(dir, "secret.js"), "outside the static folder");
  const brotli = staticBrotli(dir);
  // What Next would answer for whatever brotli leaves alone.
  server = createServer(async (req, res) => {
    if (!(await brotli(req, res))) res.writeHead(404, { "x-answered-by": "next" }).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("static files as brotli", () => {
  it("sends a build script brotli-compressed, smaller, with the immutable caching and security headers", async () => {
    const answer = await get("/_next/static/chunks/app.js", "gzip, deflate, br, zstd");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toMatch(/^application\/javascript/);
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    // Document-only headers would be ~190 bytes of each of a page's dozen chunk answers.
    expect(answer.headers["x-frame-options"]).toBeUndefined();
    expect(answer.headers["permissions-policy"]).toBeUndefined();
    expect(answer.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it("leaves to Next a browser without brotli, a missing file and paths out of the folder", async () => {
    for (const [path, encoding] of [
      ["/_next/static/chunks/app.js", "gzip, deflate"],
      ["/_next/static/chunks/app.js", "gzip, br;q=0"],
      ["/_next/static/chunks/missing.js", "br"],
      ["/_next/static/..%2f..%2fsecret.js", "br"],
      ["/_next/static/%E0%A4%A.js", "br"],
    ]) {
      const answer = await get(path!, encoding!);
      expect(answer.headers["x-answered-by"], `${path} (${encoding})`).toBe("next");
    }
  });

  it("reads Accept-Encoding as browsers write it", () => {
    expect(acceptsBrotli("gzip, deflate, br")).toBe(true);
    expect(acceptsBrotli("BR;q=0.5")).toBe(true);
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("brotli, gzip")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});

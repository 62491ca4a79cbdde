import { env } from "~/env.js";

// Abuse limits of the tRPC endpoint: a batch is at most this many calls, a body at most this size.
export const MAX_BATCH_SIZE = 10;
export const MAX_BODY_BYTES = 1024 * 1024;

export const NO_STORE = { "cache-control": "no-store" } as const;

/** A refusal before any procedure runs, in the shape of a tRPC error so that clients read it alike. */
export function refusal(status: number, message: string): Response {
  return Response.json({ error: { json: { message, code: -32600, data: { code: "BAD_REQUEST", httpStatus: status } } } }, { status, headers: NO_STORE });
}

/**
 * Cross-site request forgery: a browser says where a request comes from (Sec-Fetch-Site, Origin)
 * and a page elsewhere cannot forge either. A mutation must show it comes from this site, as JSON
 * (a form elsewhere can only send form or text bodies). Reads refuse only a declared cross-site
 * origin: they change nothing, and a client without those headers (curl, a health check) may read.
 */
export function forgeryRefusal(request: Request): Response | null {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const fromElsewhere = site === "cross-site" || site === "same-site" || (origin !== null && !isOwnOrigin(origin));
  if (fromElsewhere) return refusal(403, "crossOrigin");
  if (request.method !== "POST") return null;
  // A mutation must prove where it comes from: no header at all is not good enough.
  if (site !== "same-origin" && origin === null) return refusal(403, "crossOrigin");
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") return refusal(415, "unsupportedMediaType");
  return null;
}

/**
 * The Origin a browser sends is scheme, host and port; all three must be this app's (APP_URL). A
 * host alone would let http://app (any page a network attacker injects over plain HTTP) act
 * against https://app, and the Host header says nothing the client did not choose.
 */
export function isOwnOrigin(origin: string): boolean {
  try {
    return new URL(origin).origin === new URL(env.APP_URL).origin;
  } catch {
    return false;
  }
}

/**
 * The body, read up to the cap. A declared length over the cap is refused before reading; a body
 * without one (chunked) is cut off as soon as it passes the cap.
 */
export async function boundedBody(request: Request): Promise<Uint8Array<ArrayBuffer> | Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return refusal(413, "payloadTooLarge");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return refusal(413, "payloadTooLarge");
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

import { TRPCError } from "@trpc/server";
import { toTRPCError } from "~/server/api/errors";
import { API_HEADERS } from "~/server/api/rest/problem";
import { logError } from "~/server/logging";

// TAXII 2.1's media type, content negotiation and error messages (spec sections 1.6.8, 3.6).

export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

/**
 * Whether an Accept header admits a TAXII 2.1 answer: `application/taxii+json` (of version 2.1
 * when one is named), plain JSON, or a wildcard. A client that sends none takes what it is given.
 */
export function acceptsTaxii(accept: string | null): boolean {
  if (accept === null || accept.trim() === "") return true;
  return accept.split(",").some((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const version = params.find((p) => p.startsWith("version="))?.slice("version=".length);
    const quality = params.find((p) => p.startsWith("q="));
    if (quality && Number(quality.slice(2)) === 0) return false;
    if (type === "application/taxii+json") return version === undefined || version === "2.1";
    return type === "application/json" || type === "application/*" || type === "*/*";
  });
}

/** Every TAXII answer: its media type, and nothing of it kept by a cache on the way. */
export function taxiiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { ...API_HEADERS, "Content-Type": TAXII_MEDIA_TYPE, ...init.headers },
  });
}

/** A TAXII error message. Nothing more than the status and a fixed English title: a hidden collection or notice is "not found". */
export function taxiiError(status: number, title: string, headers?: Record<string, string>): Response {
  return taxiiJson({ title, http_status: String(status) }, { status, headers });
}

const FROM_TRPC: Partial<Record<TRPCError["code"], [number, string]>> = {
  BAD_REQUEST: [400, "The request is not valid"],
  FORBIDDEN: [403, "The key may not read this collection"],
  NOT_FOUND: [404, "Not found"],
  SERVICE_UNAVAILABLE: [503, "Temporarily unavailable"],
};

/** The TAXII error for whatever a resource threw: a refused parameter, a service's refusal, or a failure (logged). */
export function taxiiErrorFor(error: unknown, requestId: string): Response {
  const mapped = toTRPCError(error);
  const known = FROM_TRPC[mapped.code];
  if (known) return taxiiError(...known);
  if (!(error instanceof TRPCError)) logError("taxii", error, { request: requestId });
  return taxiiError(500, "Internal error");
}

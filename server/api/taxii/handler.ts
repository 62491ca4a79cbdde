import { randomUUID } from "node:crypto";
import { createCaller } from "~/server/api/root";
import { authenticateApiKey, spendApiKeyBudget, type ApiClient } from "~/server/auth/api-keys";
import { recordApiKeyUse } from "~/server/services/api-keys";
import { clientIp } from "~/server/auth/client-ip";
import { acceptsTaxii, taxiiError, taxiiErrorFor } from "./media";

// The TAXII 2.1 server's front door: the same keys, budget and audit as /api/v1
// (server/api/rest/handler.ts), with TAXII's media type and error messages.

/**
 * The scope a key needs: `export`. What TAXII serves is a STIX export of the feed, leaving the
 * platform for another system; a key for the case system's `notices:read` should not also open
 * a bulk pull. What the key then reads is decided by its account, as for every export.
 */
export const TAXII_SCOPE = "export";

type Caller = ReturnType<typeof createCaller>;
type Params = Promise<Record<string, string | string[] | undefined>>;
export type TaxiiResource = {
  /** Named in the audit entry of each use. */
  name: string;
  /** In request-budget units (server/http/request-cost.ts). */
  cost?: number;
  run: (caller: Caller, request: Request, params: Record<string, string>) => Promise<Response>;
};

const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/;
const BASIC = /^Basic ([A-Za-z0-9+/=]{1,400})$/;

/**
 * The key of a request: a Bearer token, or HTTP Basic with the key as the password (MISP and
 * OpenCTI's TAXII clients offer Basic; the user name is not read).
 */
export function keyOf(authorization: string | null): string | null {
  const bearer = BEARER.exec(authorization ?? "")?.[1];
  if (bearer) return bearer;
  const basic = BASIC.exec(authorization ?? "")?.[1];
  if (!basic) return null;
  const decoded = Buffer.from(basic, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 ? decoded.slice(colon + 1) || null : null;
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="tianshan", Basic realm="tianshan"' };

/**
 * The route handler of a TAXII resource: the Accept header (406), the key (401), its scope (403),
 * its rate (429 with Retry-After), then the resource. Each request past the budget is audited
 * once, with the resource and its status, as /api/v1 audits its operations.
 */
export function taxiiHandler(resource: TaxiiResource) {
  return async (request: Request, context?: { params: Params }): Promise<Response> => {
    const requestId = randomUUID();
    try {
      if (!acceptsTaxii(request.headers.get("accept"))) return taxiiError(406, "Only application/taxii+json;version=2.1 is served");
      const token = keyOf(request.headers.get("authorization"));
      const client = token ? await authenticateApiKey(token, clientIp(request.headers)) : null;
      if (!client) return taxiiError(401, "Missing, unknown, expired or revoked API key", CHALLENGE);
      const budget = await spendApiKeyBudget(client, resource.cost ?? 1);
      if (!budget.allowed) return taxiiError(429, "Too many requests for this key", { "Retry-After": String(Math.max(1, Math.ceil(budget.waitSeconds))) });
      const response = await answer(resource, client, request, context?.params, requestId);
      await recordApiKeyUse(client, { operation: `taxii.${resource.name}`, status: response.status });
      return response;
    } catch (error) {
      return taxiiErrorFor(error, requestId);
    }
  };
}

async function answer(resource: TaxiiResource, client: ApiClient, request: Request, params: Params | undefined, requestId: string) {
  if (!client.scopes.includes(TAXII_SCOPE)) return taxiiError(403, "The key lacks the export scope");
  try {
    const resolved = Object.entries((await params) ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string");
    const caller = createCaller({ viewer: client.viewer, ip: client.viewer.ip ?? null, requestId });
    return await resource.run(caller, request, Object.fromEntries(resolved));
  } catch (error) {
    return taxiiErrorFor(error, requestId);
  }
}

import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ApiScope } from "~/schemas/api-key-enums";
import { createCaller } from "~/server/api/root";
import { API_HEADERS, problem, problemFor } from "~/server/api/rest/problem";
import { authenticateApiKey, spendApiKeyBudget, type ApiClient } from "~/server/auth/api-keys";
import { recordApiKeyUse } from "~/server/services/api-keys";
import { clientIp } from "~/server/auth/client-ip";

// One /api/v1 operation: what it takes, what it answers (both zod, which the OpenAPI document is
// generated from, server/api/rest/openapi.ts), which scope it needs, and the procedure it calls.
// The procedure is called in-process with the key's service-account viewer, so it validates the
// input with the forms' own schema and reads through the same services and visibility rule: a key
// reads exactly what its account would read in the app.

export type RequestParts = { query?: z.ZodType; params?: z.ZodType; body?: z.ZodType; headers?: z.ZodType };
type Parsed<P extends RequestParts> = { [K in keyof P]: P[K] extends z.ZodType ? z.output<P[K]> : never };
type Caller = ReturnType<typeof createCaller>;

export type OperationSpec<P extends RequestParts> = {
  id: string;
  method: "GET" | "POST" | "PUT";
  /** OpenAPI's form, below /api/v1: `/notices/{id}`. */
  path: string;
  scope: ApiScope;
  summary: string;
  description?: string;
  request: P;
  response: { status: 200 | 201; description: string; schema: z.ZodType };
  /** In request-budget units (server/http/request-cost.ts): a search weighs 5. */
  cost?: number;
  run: (caller: Caller, input: Parsed<P>) => Promise<unknown>;
};

export type ApiOperation = Omit<OperationSpec<RequestParts>, "run"> & {
  execute: (caller: Caller, raw: RawRequest) => Promise<unknown>;
};

type RawRequest = { query: Record<string, string>; params: Record<string, string>; body: unknown; headers: Record<string, string> };

/** Declares an operation; its input is parsed with its own schemas before the procedure is called. */
export function operation<P extends RequestParts>(spec: OperationSpec<P>): ApiOperation {
  const { run, ...described } = spec;
  return {
    ...described,
    execute: (caller, raw) => {
      const parsed: Record<string, unknown> = {};
      for (const part of ["query", "params", "body", "headers"] as const) {
        const schema = spec.request[part];
        if (schema) parsed[part] = schema.parse(raw[part]);
      }
      return run(caller, parsed as Parsed<P>);
    },
  };
}

// A body larger than this is refused before it is parsed, as the tRPC route refuses one.
const MAX_BODY_BYTES = 1024 * 1024;
const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/;

const challenge = (error?: string) => ({ "WWW-Authenticate": `Bearer realm="tianshan"${error ? `, error="${error}"` : ""}` });

async function readBody(request: Request): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new z.ZodError([{ code: "custom", path: [], message: "contentType", input: undefined }]);
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new z.ZodError([{ code: "custom", path: [], message: "tooLarge", input: undefined }]);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new z.ZodError([{ code: "custom", path: [], message: "invalidJson", input: undefined }]);
  }
}

async function rawRequest(
  request: Request,
  params: Promise<Record<string, string | string[] | undefined>> | undefined,
  withBody: boolean,
): Promise<RawRequest> {
  const resolved = (await params) ?? {};
  return {
    query: Object.fromEntries(new URL(request.url).searchParams),
    params: Object.fromEntries(Object.entries(resolved).filter((entry): entry is [string, string] => typeof entry[1] === "string")),
    body: withBody ? await readBody(request) : undefined,
    headers: Object.fromEntries(request.headers),
  };
}

/**
 * The route handler of an operation: the key (401), its scope (403), its rate (429 with
 * Retry-After), then the procedure; every answer `no-store`. Each request that got past the
 * key's budget is audited once, with the operation and its status; a refused flood is not, so that
 * a runaway client cannot bury the audit log (its budget refusals are visible in its last-used time).
 */
export function apiHandler(op: ApiOperation) {
  return async (request: Request, context?: { params: Promise<Record<string, string | string[] | undefined>> }): Promise<Response> => {
    const requestId = randomUUID();
    const token = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
    let client: ApiClient | null = null;
    try {
      if (!token) return problem("unauthorized", { requestId, headers: challenge() });
      client = await authenticateApiKey(token, clientIp(request.headers));
      if (!client) return problem("unauthorized", { requestId, headers: challenge("invalid_token") });
      const budget = await spendApiKeyBudget(client, op.cost ?? 1);
      if (!budget.allowed) return problem("rate_limited", { requestId, headers: { "Retry-After": String(Math.max(1, Math.ceil(budget.waitSeconds))) } });
      const response = await answer(op, client, request, context?.params, requestId);
      await recordApiKeyUse(client, { operation: op.id, status: response.status });
      return response;
    } catch (error) {
      return problemFor(error, requestId);
    }
  };
}

async function answer(
  op: ApiOperation,
  client: ApiClient,
  request: Request,
  params: Promise<Record<string, string | string[] | undefined>> | undefined,
  requestId: string,
) {
  if (!client.scopes.includes(op.scope)) return problem("forbidden", { requestId, key: "scopeMissing" });
  try {
    const raw = await rawRequest(request, params, op.method !== "GET");
    const caller = createCaller({ viewer: client.viewer, ip: client.viewer.ip ?? null, requestId });
    const result = await op.execute(caller, raw);
    return Response.json(result, { status: op.response.status, headers: { ...API_HEADERS, "X-Request-Id": requestId } });
  } catch (error) {
    return problemFor(error, requestId);
  }
}

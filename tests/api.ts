import type { ApiKeyCreateInput } from "~/schemas/api-keys";
import type { ApiScope } from "~/schemas/api-key-enums";
import { apiHandler } from "~/server/api/rest/handler";
import { API_OPERATIONS } from "~/server/api/rest/operations";
import type { callerFor } from "./callers";

// Calls /api/v1 in-process, as Next.js would: the operation's route handler given a Request.

type Caller = Awaited<ReturnType<typeof callerFor>>["caller"];
type OperationName = keyof typeof API_OPERATIONS;

/** Issues a key through the admin's procedure, as the admin page does; returns the token shown once. */
export async function issueKey(admin: Caller, scopes: ApiScope[], overrides: Partial<ApiKeyCreateInput> = {}) {
  return admin.apiKeys.create({ accountName: "Case system", scopes, expiresInDays: 30, ...overrides });
}

export type ApiCall = {
  token?: string | null;
  query?: Record<string, string>;
  params?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
};

export async function callApi(name: OperationName, call: ApiCall = {}) {
  const op = API_OPERATIONS[name];
  const path = op.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(call.params?.[key] ?? ""));
  const url = new URL(`http://localhost/api/v1${path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers(call.headers);
  if (call.token) headers.set("authorization", `Bearer ${call.token}`);
  if (call.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(url, { method: op.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  const response = await apiHandler(op)(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

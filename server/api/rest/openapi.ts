import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { env } from "~/env.js";
import { API_SCOPES } from "~/schemas/api-key-enums";
import { ZProblem } from "~/schemas/api";
import type { ApiOperation } from "~/server/api/rest/handler";
import { API_OPERATIONS } from "~/server/api/rest/operations";

// The OpenAPI 3.1 document of /api/v1, generated from the operations' own zod schemas (zod-openapi),
// so that what is documented is what is validated.

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ZProblem } } });

function describe(op: ApiOperation): ZodOpenApiOperationObject {
  const { query, params, headers, body } = op.request;
  return {
    operationId: op.id,
    summary: op.summary,
    description: `${op.description ? `${op.description}\n\n` : ""}Scope: \`${op.scope}\`.`,
    security: [{ apiKey: [op.scope] }],
    // zod-openapi reads every key it is given: a part the operation does not take is left out.
    requestParams: Object.fromEntries(
      Object.entries({ query, path: params, header: headers }).filter(([, schema]) => schema),
    ) as ZodOpenApiOperationObject["requestParams"],
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: body } } } } : {}),
    responses: {
      [op.response.status]: { description: op.response.description, content: { "application/json": { schema: op.response.schema } } },
      ...(query || params || body || headers ? { 400: problemResponse("The request is not valid (`invalid_input`); `errors` names the fields.") } : {}),
      401: problemResponse("No key, or a key that is unknown, expired or revoked (`unauthorized`)."),
      403: problemResponse("The key lacks the operation's scope (`forbidden`)."),
      ...(params ? { 404: problemResponse("Nothing the key's account may read has this id (`not_found`).") } : {}),
      ...(op.method === "POST" ? { 409: problemResponse("The idempotency key was used with another body (`conflict`, key `idempotencyKeyReused`).") } : {}),
      ...(op.method === "PUT" ? { 409: problemResponse("The notice changed since `version` (`conflict`, key `versionConflict`): read it again.") } : {}),
      429: {
        ...problemResponse("The key's request budget is spent (`rate_limited`); retry after `Retry-After` seconds."),
        headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
      },
    },
  };
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of Object.values(API_OPERATIONS)) {
    paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: describe(op) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Tianshan API",
      version: "1",
      description:
        "Machine access to Tianshan for the systems of member agencies. Every answer is `Cache-Control: no-store`; errors are RFC 9457 problem details. A key acts as its service account: it reads exactly what that account may read in the app.",
    },
    servers: [{ url: new URL("/api/v1", env.APP_URL).href }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `An API key issued by an agency administrator (Administration › API keys), sent as \`Authorization: Bearer <key>\`. Scopes: ${API_SCOPES.join(", ")}.`,
        },
      },
    },
    paths,
  });
}

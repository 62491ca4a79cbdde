import { openApiDocument } from "~/server/api/rest/openapi";

export const dynamic = "force-dynamic";

// Public: the document describes the operations, not any data. Built per request because it names
// APP_URL, which the build does not know.
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
}

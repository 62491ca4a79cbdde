import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "~/server/api/rest/openapi";
import { API_OPERATIONS } from "~/server/api/rest/operations";
import openApi31Schema from "~/tests/data/openapi-3.1-schema.json";

// The OpenAPI Initiative's schema of 3.1 documents (https://spec.openapis.org/oas/3.1/schema/2022-10-07,
// Apache-2.0), kept in tests/data so that the check needs no network. Its `$dynamicRef: "#meta"`
// (the hook for other schema dialects) points at its own `$defs/schema` when no dialect extends it;
// ajv resolves that dynamic reference wrongly, so the test makes it the static reference it means.
const schemaOfDocuments = JSON.parse(JSON.stringify(openApi31Schema).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object;

const V1 = join(process.cwd(), "app/api/v1");

/** Every route file under app/api/v1, as OpenAPI's path (`/notices/{id}`), with its exported methods. */
async function routes() {
  const found: { path: string; methods: string[] }[] = [];
  for (const file of readdirSync(V1, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"))) {
    const dir = relative(V1, join(V1, file, ".."));
    const path = `/${dir}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/$/, "");
    const module = (await import(join(V1, file))) as Record<string, unknown>;
    found.push({ path, methods: ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof module[m] === "function") });
  }
  return found;
}

describe("the OpenAPI document", () => {
  const document = openApiDocument();

  it("is a valid OpenAPI 3.1 document", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    // A format of the OpenAPI schema that ajv-formats does not know; our media types are plain.
    ajv.addFormat("media-range", true);
    const validate = ajv.compile(schemaOfDocuments);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(document.openapi).toBe("3.1.0");
    // The check has teeth: a document without its required `info` is refused.
    expect(validate({ ...document, info: undefined })).toBe(false);
  });

  it("describes every route under /api/v1 and nothing else, each operation under its own id", async () => {
    const described = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = (await routes()).filter((r) => r.path !== "/openapi.json").flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));
    expect(described.sort()).toEqual(served.sort());
    for (const [key, op] of Object.entries(API_OPERATIONS)) expect(op.id).toBe(key);
  });

  it("is served with the document and no-store", async () => {
    const { GET } = await import("~/app/api/v1/openapi.json/route");
    const response = GET();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "~/app/_trpc/server";
import { Card, PageHeader, Table } from "~/app/_components/ui";
import { env } from "~/env.js";
import { PROBLEM_CODES } from "~/schemas/api";
import { openApiDocument } from "~/server/api/rest/openapi";
import { API_OPERATIONS } from "~/server/api/rest/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("api.reference"))("title") };
}

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Json };
/** An operation as the OpenAPI document describes it. */
type Described = { parameters?: Parameter[]; requestBody?: Json; responses?: Record<string, { description: string }> };

/** A schema in one short phrase: its type, enum, format or the component it names. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return "";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1)!;
  if (Array.isArray(schema.enum)) return schema.enum.join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items as Json)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "object");
  return typeof schema.format === "string" ? `${type} (${schema.format})` : typeof schema.pattern === "string" ? `${type} ${schema.pattern}` : type;
}

// The OpenAPI document as a page: rendered on the server from the same document the API serves,
// with no client code. The texts of the operations are the document's (English); the page's own
// words are translated.
export default async function ApiReferencePage() {
  await requireViewer();
  const t = await getTranslations("api.reference");
  const document = openApiDocument();
  const paths = (document.paths ?? {}) as Record<string, Record<string, Described>>;
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("intro")} />
      <Card className="mb-6 space-y-1 text-sm">
        <p>
          {t("baseUrl")}: <code className="font-mono">{new URL("/api/v1", env.APP_URL).href}</code>
        </p>
        <p>
          <a className="text-blue-700 underline" href="/api/v1/openapi.json">
            {t("document")}
          </a>
        </p>
      </Card>
      <h2 className="mb-3 text-xl font-semibold">{t("operations")}</h2>
      {Object.values(API_OPERATIONS).map((op) => (
        <OperationCard key={op.id} op={op} described={paths[op.path]?.[op.method.toLowerCase()]} />
      ))}
      <h2 className="mt-8 mb-3 text-xl font-semibold">{t("problems")}</h2>
      <Card className="mb-6 text-sm">
        <p className="mb-2">{t("problemIntro")}</p>
        <ul className="list-disc pl-5">
          {PROBLEM_CODES.map((code) => (
            <li key={code} id={`problem-${code}`} className="font-mono">
              {code}
            </li>
          ))}
        </ul>
      </Card>
      <h2 className="mt-8 mb-3 text-xl font-semibold">{t("schemas")}</h2>
      {Object.entries(schemas).map(([name, schema]) => (
        <Card key={name} className="mb-4 text-sm">
          <h3 id={`schema-${name}`} className="mb-2 font-mono font-semibold">
            {name}
          </h3>
          {/* Focusable, so that a keyboard can scroll a long schema (it scrolls within its box). */}
          <pre tabIndex={0} aria-labelledby={`schema-${name}`} className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs" dir="ltr">
            {JSON.stringify(schema, null, 2)}
          </pre>
        </Card>
      ))}
    </>
  );
}

/** One operation: its address, what it does, the scope it needs, its parameters, body and answers. */
async function OperationCard({ op, described }: { op: (typeof API_OPERATIONS)[keyof typeof API_OPERATIONS]; described: Described | undefined }) {
  const t = await getTranslations("api.reference");
  const body = (described?.requestBody?.content as Record<string, { schema: Json }> | undefined)?.["application/json"]?.schema;
  return (
    <Card className="mb-4 space-y-3 text-sm">
      <h3 id={op.id} className="font-mono text-base font-semibold">
        {op.method} /api/v1{op.path}
      </h3>
      <p className="font-medium">{op.summary}</p>
      {op.description ? <p className="text-slate-700">{op.description}</p> : null}
      <p>
        {t("scope")}: <code className="font-mono">{op.scope}</code>
      </p>
      {described?.parameters?.length ? (
        <Table head={[t("name"), t("in"), t("type"), t("required")]}>
          {described.parameters.map((p) => (
            <tr key={`${p.in}-${p.name}`}>
              <td className="px-3 py-1 font-mono">{p.name}</td>
              <td className="px-3 py-1">{p.in}</td>
              <td className="px-3 py-1 font-mono text-xs break-all">{typeOf(p.schema)}</td>
              <td className="px-3 py-1">{p.required ? t("yes") : t("no")}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {body ? (
        <p>
          {t("body")}:{" "}
          <a className="font-mono text-blue-700 underline" href={`#schema-${typeOf(body)}`}>
            {typeOf(body)}
          </a>
        </p>
      ) : null}
      <div>
        <p className="font-medium">{t("responses")}</p>
        <ul className="list-disc pl-5">
          {Object.entries(described?.responses ?? {}).map(([status, response]) => (
            <li key={status}>
              <span className="font-mono">{status}</span> {response.description}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}

import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { auditLog } from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import { taxiiHandler, type TaxiiResource } from "~/server/api/taxii/handler";
import { apiRoot, collection, collections, discovery, objects } from "~/server/api/taxii/resources";
import { stixId } from "~/server/services/exports/stix-ids";
import { issueKey } from "~/tests/api";
import { callerFor } from "~/tests/callers";
import { companyInput, createThrough, seizureInput } from "~/tests/notices";
import { stixErrors } from "~/tests/stix-schemas";

// A small TAXII 2.1 client, as MISP's or OpenCTI's would be: it starts from the discovery URL and
// follows the URLs the server gives, with the spec's Accept header, against the route handlers
// called in-process as Next.js calls them.

const TAXII = "application/taxii+json;version=2.1";
const ROUTES: [RegExp, TaxiiResource][] = [
  [/^\/api\/taxii2\/$/, discovery],
  [/^\/api\/taxii2\/tianshan\/$/, apiRoot],
  [/^\/api\/taxii2\/tianshan\/collections\/$/, collections],
  [/^\/api\/taxii2\/tianshan\/collections\/(?<id>[^/]+)\/$/, collection],
  [/^\/api\/taxii2\/tianshan\/collections\/(?<id>[^/]+)\/objects\/$/, objects],
];

type Envelope = { more?: boolean; next?: string; objects?: { type: string; id: string }[] };

async function get(url: string, auth: string | null, accept: string = TAXII) {
  const target = new URL(url, "http://localhost");
  const [, resource] = ROUTES.find(([pattern]) => pattern.test(target.pathname)) ?? [];
  if (!resource) throw new Error(`no route for ${target.pathname}`);
  const params = ROUTES.map(([pattern]) => pattern.exec(target.pathname)?.groups).find(Boolean) ?? {};
  const headers = new Headers({ accept });
  if (auth) headers.set("authorization", auth);
  const response = await taxiiHandler(resource)(new Request(target, { headers }), { params: Promise.resolve(params) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const bearer = (token: string) => `Bearer ${token}`;
const KZ = "kz-sgd-customs";

let exportKey: { token: string; keyId: string };
let readOnlyKey: { token: string };
let since: string;
const visible: string[] = [];
let hidden: string;

beforeAll(async () => {
  const { caller: kzAdmin } = await callerFor(await createUser(db, { agencyId: KZ, role: "agency_admin" }));
  const { caller: author } = await callerFor(await createUser(db, { agencyId: KZ, role: "analyst" }));
  const { caller: kgAuthor } = await callerFor(await createUser(db, { agencyId: "kg-customs", role: "analyst" }));
  exportKey = await issueKey(kzAdmin, ["export"]);
  readOnlyKey = await issueKey(kzAdmin, ["notices:read"]);
  // Only what is released from now on: the seeded notices came before.
  const [row] = await db.execute<{ now: string }>(sql`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`);
  since = row!.now;
  for (let i = 0; i < 5; i++) visible.push((await createThrough(author, seizureInput({ title: `TAXII seizure ${i}` }))).id);
  visible.push((await createThrough(author, companyInput())).id);
  // AMBER released to Kyrgyzstan only: the Kazakh key's account may not read it.
  hidden = (await createThrough(kgAuthor, seizureInput({ tlp: "amber", releaseCountryCodes: ["KG"], title: "Kyrgyz only" }))).id;
  visible.push((await createThrough(author, seizureInput({ title: "TAXII seizure last" }))).id);
});

const mainId = (id: string, kind: "seizure" | "company") =>
  kind === "seizure" ? stixId("incident", `notice:${id}`) : stixId("identity", `notice:${id}:company`);

describe("the TAXII 2.1 server", () => {
  it("walks from discovery to the collection's objects, page by page, in the spec's envelope and headers", async () => {
    const auth = bearer(exportKey.token);
    const found = await get("/api/taxii2/", auth);
    expect(found.status).toBe(200);
    expect(found.headers.get("content-type")).toBe(TAXII);
    expect(found.headers.get("cache-control")).toBe("no-store");
    const root = await get((found.body.api_roots as string[])[0]!, auth);
    expect(root.body).toMatchObject({ versions: [TAXII] });
    const rootUrl = (found.body.api_roots as string[])[0]!;
    const list = await get(`${rootUrl}collections/`, auth);
    const released = (list.body.collections as { id: string; alias: string; can_read: boolean; can_write: boolean }[])[0]!;
    expect(released).toMatchObject({ alias: "tianshan-released", can_read: true, can_write: false });
    expect((await get(`${rootUrl}collections/${released.id}/`, auth)).body).toEqual(released);

    const pages: Envelope[] = [];
    let next: string | undefined;
    let lastAdded = "";
    do {
      const query = new URLSearchParams({ added_after: since, limit: "8", ...(next ? { next } : {}) });
      const page = await get(`${rootUrl}collections/${released.id}/objects/?${query}`, auth);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe(TAXII);
      const envelope = page.body as Envelope;
      const first = page.headers.get("x-taxii-date-added-first")!;
      expect(first >= lastAdded && first > since).toBe(true);
      lastAdded = page.headers.get("x-taxii-date-added-last")!;
      expect(lastAdded >= first).toBe(true);
      pages.push(envelope);
      // At most `limit` objects, unless one notice alone has more (a notice is never split).
      // Each notice brings exactly one note (its grading), so the notes count the page's notices.
      const notices = (envelope.objects ?? []).filter((o) => o.type === "note").length;
      if ((envelope.objects ?? []).length > 8) expect(notices).toBe(1);
      next = envelope.more ? envelope.next : undefined;
      if (envelope.more) expect(envelope.next).toEqual(expect.any(String));
    } while (next);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.flatMap((page) => page.objects ?? []);
    // Each page stands alone as STIX: what its objects refer to (markings, agencies, the extension) comes with them.
    for (const page of pages) {
      const bundle = { type: "bundle", id: stixId("bundle", "taxii-page"), objects: page.objects ?? [] };
      expect(stixErrors(bundle)).toEqual([]);
    }
    const ids = new Set(all.map((o) => o.id));
    for (const id of visible.slice(0, 5)) expect(ids).toContain(mainId(id, "seizure"));
    expect(ids).toContain(mainId(visible[5]!, "company"));
    expect(ids).toContain(mainId(visible[6]!, "seizure"));
    // A notice the account may not read is missing, and so is every object it would bring.
    expect(JSON.stringify(all)).not.toContain(hidden);
    expect(ids).not.toContain(mainId(hidden, "seizure"));
    // Each notice's objects arrive once, on one page: a page boundary never splits or repeats one.
    const incidents = all.filter((o) => o.type === "incident").map((o) => o.id);
    expect(new Set(incidents).size).toBe(incidents.length);

    // Nothing released after the last page: an empty envelope.
    const after = await get(`${rootUrl}collections/${released.id}/objects/?added_after=${encodeURIComponent(lastAdded)}`, auth);
    expect(after.body).toEqual({ more: false });
    expect(after.headers.get("x-taxii-date-added-first")).toBeNull();
  });

  it("answers match[type], and accepts the key as an HTTP Basic password", async () => {
    const auth = `Basic ${Buffer.from(`misp:${exportKey.token}`).toString("base64")}`;
    const page = await get(`/api/taxii2/tianshan/collections/tianshan-released/objects/?added_after=${since}&match[type]=incident`, auth);
    expect(page.status).toBe(200);
    const types = new Set(((page.body as Envelope).objects ?? []).map((o) => o.type));
    expect([...types]).toEqual(["incident"]);
  });
});

describe("the TAXII 2.1 server's refusals and audit", () => {
  it("refuses what the spec refuses: no key 401, wrong Accept 406, other scope 403, unknown collection 404, bad paging 400", async () => {
    const auth = bearer(exportKey.token);
    const none = await get("/api/taxii2/", null);
    expect(none).toMatchObject({ status: 401, body: { http_status: "401" } });
    expect(none.headers.get("content-type")).toBe(TAXII);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await get("/api/taxii2/", auth, "text/html")).status).toBe(406);
    expect((await get("/api/taxii2/", auth, "application/taxii+json;version=2.0")).status).toBe(406);
    expect((await get("/api/taxii2/", auth, "application/json")).status).toBe(200);
    expect((await get("/api/taxii2/", bearer(readOnlyKey.token))).status).toBe(403);
    expect((await get("/api/taxii2/tianshan/collections/nope/objects/", auth)).status).toBe(404);
    for (const query of ["next=garbage", "limit=0", "limit=x", "added_after=yesterday"]) {
      const refused = await get(`/api/taxii2/tianshan/collections/tianshan-released/objects/?${query}`, auth);
      expect([query, refused.status, refused.body.http_status]).toEqual([query, 400, "400"]);
    }
  });

  it("audits every use, and a revoked key is refused at its next request", async () => {
    const { caller: kzAdmin } = await callerFor(await createUser(db, { agencyId: KZ, role: "agency_admin" }));
    const key = await issueKey(kzAdmin, ["export"]);
    expect((await get("/api/taxii2/tianshan/collections/", bearer(key.token))).status).toBe(200);
    const uses = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, "api.request"), eq(auditLog.targetId, key.keyId)));
    expect(uses.map((u) => u.details)).toEqual([{ operation: "taxii.collections", status: 200 }]);
    await kzAdmin.apiKeys.revoke({ keyId: key.keyId });
    expect((await get("/api/taxii2/tianshan/collections/", bearer(key.token))).status).toBe(401);
  });
});

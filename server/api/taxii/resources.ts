import { env } from "~/env.js";
import { TAXII_LIMIT_DEFAULT } from "~/schemas/taxii";
import type { TaxiiResource } from "./handler";
import { TAXII_MEDIA_TYPE, taxiiError, taxiiJson } from "./media";

// The resources of Tianshan's read-only TAXII 2.1 server (spec section 4-5): discovery, one API
// root, and one collection. Each is served by a thin route under app/api/taxii2/.

export const TAXII_PATH = "/api/taxii2/";
export const API_ROOT_PATH = `${TAXII_PATH}tianshan/`;

/**
 * The one collection: every released notice the key's account may read, as its feed shows them
 * (retracted ones leave it). Its id is fixed, so a partner's configuration outlives a redeploy.
 */
export const RELEASED_COLLECTION = {
  id: "d8a49e71-4624-40f0-9f2f-c7d493c582dc",
  alias: "tianshan-released",
  title: "Tianshan: released notices",
  description:
    "Seizure, company and arrest notices released to your agency, as STIX 2.1 objects under their TLP 2.0 markings. Objects are added when a notice is released.",
  can_read: true,
  can_write: false,
  media_types: [TAXII_MEDIA_TYPE],
};

const url = (path: string) => new URL(path, env.APP_URL).href;

export const discovery: TaxiiResource = {
  name: "discovery",
  run: async () =>
    taxiiJson({
      title: "Tianshan TAXII 2.1 server",
      description: "Read-only: the notices released to the API key's agency.",
      default: url(API_ROOT_PATH),
      api_roots: [url(API_ROOT_PATH)],
    }),
};

export const apiRoot: TaxiiResource = {
  name: "apiRoot",
  run: async () =>
    taxiiJson({
      title: "Tianshan",
      description: "Precursor seizure, company and arrest notices of Central Asia.",
      versions: [TAXII_MEDIA_TYPE],
      // Nothing may be added: the server is read-only, so it accepts no content at all.
      max_content_length: 0,
    }),
};

export const collections: TaxiiResource = {
  name: "collections",
  run: async () => taxiiJson({ collections: [RELEASED_COLLECTION] }),
};

const isReleased = (id: string | undefined) => id === RELEASED_COLLECTION.id || id === RELEASED_COLLECTION.alias;

export const collection: TaxiiResource = {
  name: "collection",
  run: async (_caller, _request, params) => (isReleased(params.id) ? taxiiJson(RELEASED_COLLECTION) : taxiiError(404, "Not found")),
};

/** The procedure's input from the spec's query parameters; the procedure's schema checks it. */
function objectsQuery(query: URLSearchParams) {
  const limit = query.get("limit");
  const types = query.get("match[type]");
  return {
    addedAfter: query.get("added_after") ?? undefined,
    next: query.get("next") ?? undefined,
    limit: limit === null ? TAXII_LIMIT_DEFAULT : /^\d{1,6}$/.test(limit) ? Number(limit) : Number.NaN,
    types: types === null ? undefined : types.split(","),
  };
}

/**
 * GET .../objects/: an envelope of the collection's objects, oldest release first. `next` and
 * `objects` are left out when there are none (an empty envelope, as the spec asks); the date
 * headers name the release times of the first and last notice whose objects the page carries.
 */
export const objects: TaxiiResource = {
  name: "objects",
  // A page loads whole notices, as an export does.
  cost: 5,
  run: async (caller, request, params) => {
    if (!isReleased(params.id)) return taxiiError(404, "Not found");
    const page = await caller.exports.taxii(objectsQuery(new URL(request.url).searchParams));
    const filled = page.entries.filter((entry) => entry.objects.length > 0);
    const headers: Record<string, string> = filled.length
      ? { "X-TAXII-Date-Added-First": filled[0]!.dateAdded, "X-TAXII-Date-Added-Last": filled.at(-1)!.dateAdded }
      : {};
    const found = filled.flatMap((entry) => entry.objects);
    return taxiiJson({ more: page.more, ...(page.next ? { next: page.next } : {}), ...(found.length ? { objects: found } : {}) }, { headers });
  },
};

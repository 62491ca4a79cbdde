import {
  ZApiCreated,
  ZApiCreateNoticeBody,
  ZApiCrossingQuery,
  ZApiIdempotencyHeader,
  ZApiNotice,
  ZApiNoticePage,
  ZApiNoticePath,
  ZApiNoticeQuery,
  ZApiReferenceItem,
  ZApiReferenceList,
  ZApiReferencePath,
  ZApiSearchQuery,
  ZApiSubstanceQuery,
  ZApiUpdated,
  ZApiUpdateNoticeBody,
} from "~/schemas/api";
import { operation } from "~/server/api/rest/handler";
import { COSTS } from "~/server/http/request-cost";

// Every operation of /api/v1, in the order the reference lists them. A route handler under
// app/api/v1/ serves each; the OpenAPI document and the reference page are built from this list,
// and a test checks that both name every route.

const listNotices = operation({
  id: "listNotices",
  method: "GET",
  path: "/notices",
  scope: "notices:read",
  summary: "List notices",
  description: "The notices the key's account may read, newest first, with the feed's filters; page with `nextCursor`.",
  request: { query: ZApiNoticeQuery },
  response: { status: 200, description: "One page of notices.", schema: ZApiNoticePage },
  run: (caller, { query: { sort, cursor, limit, ...filters } }) => caller.notices.feed({ filters, sort, cursor, limit }),
});

const getNotice = operation({
  id: "getNotice",
  method: "GET",
  path: "/notices/{id}",
  scope: "notices:read",
  summary: "Read a notice",
  description:
    "A seizure, company alert or arrest notice in full (`kind` says which). A notice the key's account may not read answers 404, exactly like one that does not exist.",
  request: { params: ZApiNoticePath },
  response: { status: 200, description: "The notice and the linked notices the account may read.", schema: ZApiNotice },
  run: async (caller, { params }) => {
    const { notice, links } = await caller.notices.get(params);
    return { notice, links };
  },
});

const createNotice = operation({
  id: "createNotice",
  method: "POST",
  path: "/notices",
  scope: "notices:write",
  summary: "Create a notice",
  description:
    "Validated by the same schema as the app's form and routed as the account's own notice would be (published, waiting for release, or for review). The `Idempotency-Key` header makes a retry safe: the same key and body return the first notice; the same key with another body answers 409.",
  request: { headers: ZApiIdempotencyHeader, body: ZApiCreateNoticeBody },
  response: { status: 201, description: "The notice, created now or by an earlier request with the same key.", schema: ZApiCreated },
  cost: COSTS.action,
  run: (caller, { headers, body }) => caller.notices.create({ ...body, idempotencyKey: headers["idempotency-key"] }),
});

const updateNotice = operation({
  id: "updateNotice",
  method: "PUT",
  path: "/notices/{id}",
  scope: "notices:write",
  summary: "Edit a notice",
  description:
    "Replaces the notice's content, as the app's edit form does, for a notice the account (or its agency) wrote. `version` is the version the edit starts from: if the notice changed since, the answer is 409 and nothing changes.",
  request: { params: ZApiNoticePath, body: ZApiUpdateNoticeBody },
  response: { status: 200, description: "The notice's new version and the fields that changed.", schema: ZApiUpdated },
  cost: COSTS.action,
  run: (caller, { params, body }) => caller.notices.update({ ...body, id: params.id }),
});

const searchNotices = operation({
  id: "searchNotices",
  method: "GET",
  path: "/search",
  scope: "notices:read",
  summary: "Search notices",
  description: "Full-text search over the notices the key's account may read, in every script.",
  request: { query: ZApiSearchQuery },
  response: { status: 200, description: "One page of matching notices.", schema: ZApiNoticePage },
  cost: COSTS.search,
  run: async (caller, { query }) => {
    const { items, nextCursor } = await caller.notices.search(query);
    return { items, nextCursor };
  },
});

const reference = { scope: "reference:read", method: "GET" } as const;

const listSubstances = operation({
  ...reference,
  id: "listSubstances",
  path: "/reference/substances",
  summary: "Search substances",
  description: "Controlled precursors and other substances, by any name, CAS number or HS code.",
  request: { query: ZApiSubstanceQuery },
  response: { status: 200, description: "Matching substances.", schema: ZApiReferenceList },
  run: (caller, { query }) => caller.reference.substances.search(query),
});

const getSubstance = operation({
  ...reference,
  id: "getSubstance",
  path: "/reference/substances/{id}",
  summary: "Read a substance",
  request: { params: ZApiReferencePath },
  response: { status: 200, description: "The substance.", schema: ZApiReferenceItem },
  run: (caller, { params }) => caller.reference.substances.get(params),
});

const listCrossings = operation({
  ...reference,
  id: "listCrossings",
  path: "/reference/crossings",
  summary: "List border crossings",
  request: { query: ZApiCrossingQuery },
  response: { status: 200, description: "The crossings, optionally of one country.", schema: ZApiReferenceList },
  run: (caller, { query }) => caller.reference.crossings.list(query),
});

const getCrossing = operation({
  ...reference,
  id: "getCrossing",
  path: "/reference/crossings/{id}",
  summary: "Read a border crossing",
  request: { params: ZApiReferencePath },
  response: { status: 200, description: "The crossing.", schema: ZApiReferenceItem },
  run: (caller, { params }) => caller.reference.crossings.get(params),
});

const listCountries = operation({
  ...reference,
  id: "listCountries",
  path: "/reference/countries",
  summary: "List countries",
  request: {},
  response: { status: 200, description: "The countries notices may name.", schema: ZApiReferenceList },
  run: (caller) => caller.reference.countries.list(),
});

const listProvisions = operation({
  ...reference,
  id: "listProvisions",
  path: "/reference/provisions",
  summary: "List criminal provisions",
  request: {},
  response: { status: 200, description: "The criminal-law provisions an arrest may cite.", schema: ZApiReferenceList },
  run: (caller) => caller.reference.provisions.list(),
});

// Keyed by operation id, which each operation also carries (a test holds the two equal).
export const API_OPERATIONS = {
  listNotices,
  createNotice,
  getNotice,
  updateNotice,
  searchNotices,
  listSubstances,
  getSubstance,
  listCrossings,
  getCrossing,
  listCountries,
  listProvisions,
};

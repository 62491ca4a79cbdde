import {
  SEARCH_ENTITY_KINDS,
  SEARCH_PARAMS as PARAMS,
  ZSearchFilters,
  ZSearchInput,
  type SearchEntityKind,
  type SearchFilters,
  type SearchSort,
} from "~/schemas/notices";
import { firstParam, type SearchParams } from "../../_components/feed-filters";

// The search's address: the query, one short parameter per filter (SEARCH_PARAMS), the order and the page.
type Param = keyof typeof PARAMS;

export type SearchView = { q: string; filters: SearchFilters; sort: SearchSort; asWords: SearchEntityKind[]; cursor?: string; offset?: number };

/** A link's parameters as the search's input; a value the schema refuses is left out rather than failing the page. */
export function readSearchParams(params: SearchParams): Omit<SearchView, "q"> & { typed: string } {
  const filters: Record<string, unknown> = {};
  for (const [param, key] of Object.entries(PARAMS) as [Param, keyof SearchFilters][]) {
    const raw = firstParam(params[param]);
    if (raw === undefined) continue;
    const parsed = ZSearchFilters.shape[key].safeParse(key === "year" ? Number(raw) : raw);
    if (parsed.success) filters[key] = parsed.data;
  }
  const sort = ZSearchInput.shape.sort.safeParse(firstParam(params.sort));
  const offset = ZSearchInput.shape.offset.safeParse(Number(firstParam(params.offset)));
  // ?words=substance,crossing: those kinds of names are searched as words (their chips were removed).
  const asWords = (firstParam(params.words) ?? "")
    .split(",")
    .filter((kind): kind is SearchEntityKind => SEARCH_ENTITY_KINDS.includes(kind as SearchEntityKind));
  return {
    typed: firstParam(params.q) ?? "",
    filters: filters as SearchFilters,
    sort: sort.success ? sort.data : "date",
    asWords: [...new Set(asWords)],
    cursor: firstParam(params.cursor),
    offset: firstParam(params.offset) && offset.success ? offset.data : undefined,
  };
}

/** The address of a view; the default order and the first page stay out of it. */
export function searchHref({ q, filters, sort, asWords, cursor, offset }: SearchView): string {
  const params = new URLSearchParams({ q });
  for (const [param, key] of Object.entries(PARAMS) as [Param, keyof SearchFilters][]) {
    const value = filters[key];
    if (value !== undefined) params.set(param, String(value));
  }
  if (sort !== "date") params.set("sort", sort);
  if (asWords.length) params.set("words", asWords.join(","));
  if (cursor) params.set("cursor", cursor);
  if (offset) params.set("offset", String(offset));
  return `/search?${params.toString()}`;
}

import { ZSearchFilters, ZSearchInput, type SearchFilters, type SearchSort } from "~/schemas/notices";
import { firstParam, type SearchParams } from "../../_components/feed-filters";

/** The search's address: the query, one short parameter per filter (as the feed's), the order and the page. */
const PARAMS = {
  kind: "kind",
  crossing: "crossingId",
  country: "countryCode",
  substance: "substanceId",
  agency: "agencyId",
  year: "year",
} as const satisfies Record<string, keyof SearchFilters>;
type Param = keyof typeof PARAMS;

export type SearchView = { q: string; filters: SearchFilters; sort: SearchSort; cursor?: string; offset?: number };

/** A link's parameters as the search's input; a value the schema refuses is left out rather than failing the page. */
export function readSearchParams(params: SearchParams): { typed: string; filters: SearchFilters; sort: SearchSort; cursor?: string; offset?: number } {
  const filters: Record<string, unknown> = {};
  for (const [param, key] of Object.entries(PARAMS) as [Param, keyof SearchFilters][]) {
    const raw = firstParam(params[param]);
    if (raw === undefined) continue;
    const parsed = ZSearchFilters.shape[key].safeParse(key === "year" ? Number(raw) : raw);
    if (parsed.success) filters[key] = parsed.data;
  }
  const sort = ZSearchInput.shape.sort.safeParse(firstParam(params.sort));
  const offset = ZSearchInput.shape.offset.safeParse(Number(firstParam(params.offset)));
  return {
    typed: firstParam(params.q) ?? "",
    filters: filters as SearchFilters,
    sort: sort.success ? sort.data : "date",
    cursor: firstParam(params.cursor),
    offset: firstParam(params.offset) && offset.success ? offset.data : undefined,
  };
}

/** The address of a view; the default order and the first page stay out of it. */
export function searchHref({ q, filters, sort, cursor, offset }: SearchView): string {
  const params = new URLSearchParams({ q });
  for (const [param, key] of Object.entries(PARAMS) as [Param, keyof SearchFilters][]) {
    const value = filters[key];
    if (value !== undefined) params.set(param, String(value));
  }
  if (sort !== "date") params.set("sort", sort);
  if (cursor) params.set("cursor", cursor);
  if (offset) params.set("offset", String(offset));
  return `/search?${params.toString()}`;
}

/** The query without the words a recognised name came from (removing its chip). */
export const withoutWords = (q: string, matched: string) => q.replace(matched, " ").replace(/\s+/gu, " ").trim();

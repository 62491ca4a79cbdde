import { getTranslations } from "next-intl/server";
import { TextLink } from "~/app/_components/ui";
import type { SearchFilters } from "~/schemas/notices";
import { searchHref, type SearchView } from "./search-address";

type FacetValue = { value: string; name: string; count: number };
export type Facets = Record<"kind" | "crossing" | "substance" | "agency" | "year", FacetValue[]>;

/** Which filter each facet sets. */
export const FACET_FILTER = { kind: "kind", crossing: "crossingId", substance: "substanceId", agency: "agencyId", year: "year" } as const satisfies Record<
  keyof Facets,
  keyof SearchFilters
>;

/**
 * The values of each facet among the matches, with their counts, each a link that narrows the
 * search to it (a plain link: the same without JavaScript). A facet already chosen, or with a
 * single value that every match shares, offers nothing to narrow.
 */
export async function SearchFacets({ view, facets, total }: { view: SearchView; facets: Facets; total: number }) {
  const [t, vocab] = await Promise.all([getTranslations("feed.search"), getTranslations("vocab")]);
  const offered = (Object.keys(FACET_FILTER) as (keyof Facets)[]).filter(
    (facet) =>
      view.filters[FACET_FILTER[facet]] === undefined && facets[facet].length > 0 && !(facets[facet].length === 1 && facets[facet][0]!.count === total),
  );
  if (!offered.length) return null;
  return (
    <nav aria-label={t("facets")} className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="facets">
      {offered.map((facet) => (
        <section key={facet} aria-labelledby={`facet-${facet}`}>
          <h3 id={`facet-${facet}`} className="text-sm font-semibold text-slate-700">
            {t(`facet.${facet}`)}
          </h3>
          <ul className="mt-1 space-y-0.5 text-sm">
            {facets[facet].map((value) => {
              const name = facet === "kind" ? vocab(`kind.${value.name as "seizure"}`) : value.name;
              const filters = { ...view.filters, [FACET_FILTER[facet]]: facet === "year" ? Number(value.value) : value.value };
              return (
                <li key={value.value}>
                  <TextLink href={searchHref({ ...view, filters, cursor: undefined, offset: undefined })}>
                    {t("facetValue", { name, count: value.count })}
                  </TextLink>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}

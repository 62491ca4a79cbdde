import { getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import type { SearchEntityKind, SearchFilters } from "~/schemas/notices";
import { searchHref, type SearchView } from "./search-address";

type Entity = { kind: SearchEntityKind; id: string; name: string; matched: string };
type Chip = { key: string; label: string; href: string };

const FILTER_FACET = { substanceId: "substance", crossingId: "crossing", countryCode: "country", agencyId: "agency", kind: "kind", year: "year" } as const;

/**
 * What the search is narrowed to, each removable: the things the query named (removing one
 * searches its words as words: notices that mention the name rather than carry the thing) and the
 * facets chosen (removing one takes it out of the address).
 */
export async function SearchChips({ view, entities, names }: { view: SearchView; entities: Entity[]; names: Partial<Record<keyof SearchFilters, string>> }) {
  const [t, vocab] = await Promise.all([getTranslations("feed.search"), getTranslations("vocab")]);
  const nameOf = (key: keyof SearchFilters, value: string | number) => (key === "kind" ? vocab(`kind.${value as "seizure"}`) : (names[key] ?? String(value)));
  const chips: Chip[] = [
    ...entities.map((e) => ({
      key: `${e.kind}:${e.id}`,
      label: t("chip", { facet: t(`facet.${e.kind}`), name: e.name }),
      href: searchHref({ ...view, asWords: [...view.asWords, e.kind], cursor: undefined, offset: undefined }),
    })),
    // The page's own filters (view.filters holds what the address chose, not what the query named).
    ...(Object.entries(view.filters) as [keyof SearchFilters, string | number][]).map(([key, value]) => {
      const filters = { ...view.filters, [key]: undefined };
      return {
        key: `${key}:${value}`,
        label: t("chip", { facet: t(`facet.${FILTER_FACET[key]}`), name: nameOf(key, value) }),
        href: searchHref({ ...view, filters, cursor: undefined, offset: undefined }),
      };
    }),
  ];
  if (!chips.length) return null;
  return (
    <ul aria-label={t("chips")} className="mb-4 flex flex-wrap gap-2" data-testid="chips">
      {chips.map((chip) => (
        <li key={chip.key} className="inline-flex items-center gap-1 rounded-full border border-sky-200 bg-sky-50 px-3 py-1 text-sm text-sky-900">
          <span dir="auto">{chip.label}</span>
          <Link href={chip.href} aria-label={t("remove", { name: chip.label })} className="ml-1 rounded-full px-1 font-semibold hover:bg-sky-100">
            ×
          </Link>
        </li>
      ))}
    </ul>
  );
}

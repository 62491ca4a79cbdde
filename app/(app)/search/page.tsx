import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { SelectField } from "~/app/_components/form";
import { QueryForm } from "~/app/_components/query-form";
import { Button, PageHeader, TextLink } from "~/app/_components/ui";
import { fieldErrors, type FieldError } from "~/schemas/issues";
import { SEARCH_SORTS, ZSearchInput } from "~/schemas/notices";
import { type SearchParams } from "../_components/feed-filters";
import { ExportLinks } from "../_components/export-links";
import { NoticeList } from "../_components/notice-list";
import { isolate } from "~/app/_components/isolate";
import { SearchFacets } from "./_components/facets";
import { readSearchParams, searchHref, type SearchView } from "./_components/search-address";
import { SearchChips } from "./_components/search-chips";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("feed"))("search.title") };
}

/** One page of results; a cursor or position that is not ours (edited or truncated link) falls back to the first page. */
async function loadResults(view: SearchView) {
  const caller = await api();
  const input = { q: view.q, filters: view.filters, sort: view.sort, asWords: view.asWords };
  try {
    return { page: await caller.notices.search({ ...input, cursor: view.cursor, offset: view.offset }), cursorRejected: false };
  } catch (error) {
    if (!((view.cursor || view.offset) && error instanceof TRPCError && error.code === "BAD_REQUEST")) throw error;
    return { page: await caller.notices.search(input), cursorRejected: true };
  }
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireViewer();
  const { typed, ...address } = readSearchParams(await searchParams);
  const [t, format] = await Promise.all([getTranslations("feed"), getFormatter()]);
  // An empty box is a page waiting for a query, not an error.
  const parsed = typed ? ZSearchInput.pick({ q: true }).safeParse({ q: typed }) : null;
  const q = parsed?.success ? parsed.data.q : null;
  const view: SearchView | null = q ? { q, ...address } : null;
  const results = view ? await loadResults(view) : null;
  const paged = Boolean(view?.cursor || view?.offset) && results !== null && !results.cursorRejected;
  const page = results?.page;
  const nextHref =
    view && page
      ? page.nextCursor
        ? searchHref({ ...view, cursor: page.nextCursor })
        : page.nextOffset
          ? searchHref({ ...view, offset: page.nextOffset })
          : null
      : null;

  return (
    <>
      <PageHeader title={t("search.title")} subtitle={t("search.subtitle")} />
      <SearchBox typed={typed} sort={address.sort} error={parsed && !parsed.success ? fieldErrors(parsed.error).q : undefined} />
      {results?.cursorRejected ? (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t("invalidCursor")}
        </p>
      ) : null}
      {view && page ? (
        <>
          <h2 className="mb-3 text-lg font-semibold">{t("search.resultsFor", { q: isolate(view.q) })}</h2>
          {page.suggestion ? (
            <p className="mb-3 text-sm" data-testid="did-you-mean">
              {t.rich("search.didYouMean", {
                suggestion: page.suggestion,
                link: (chunks) => <TextLink href={searchHref({ ...view, q: page.suggestion!, cursor: undefined, offset: undefined })}>{chunks}</TextLink>,
              })}
            </p>
          ) : null}
          <SearchChips view={view} entities={page.entities} names={page.filterNames} />
          <p className="mb-3 text-sm text-slate-600" data-testid="result-count">
            {page.more ? t("search.countMore", { count: format.number(page.total) }) : t("search.count", { count: page.total })}
          </p>
          <SearchFacets view={view} facets={page.facets} total={page.total} />
          <ExportLinks selection={{ scope: "search", q: view.q, filters: view.filters, asWords: view.asWords }} />
          {paged ? (
            <p className="mb-3 text-sm">
              <TextLink href={searchHref({ ...view, cursor: undefined, offset: undefined })}>← {t("search.firstPage")}</TextLink>
            </p>
          ) : null}
          <NoticeList
            items={page.items}
            olderHref={nextHref}
            nextLabel={t("search.more")}
            empty={paged ? t("list.noOlder") : t("search.noResults", { q: isolate(view.q) })}
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("search.prompt")}</p>
      )}
    </>
  );
}

/** The query box and its order: a GET form, so that a search is an address and needs no JavaScript. */
async function SearchBox({ typed, sort, error }: { typed: string; sort: SearchView["sort"]; error: FieldError | undefined }) {
  const t = await getTranslations("feed");
  return (
    <QueryForm
      action="/search"
      className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start"
      label={t("search.label")}
      hint={t("search.hint")}
      query={typed}
      maxLength={ZSearchInput.shape.q.maxLength ?? undefined}
      error={error}
    >
      <div className="sm:w-48">
        <SelectField key={sort} label={t("search.sortLabel")} name="sort" defaultValue={sort}>
          {SEARCH_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`search.sort.${sort}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="sm:mt-6">
        <Button type="submit">{t("search.submit")}</Button>
      </div>
    </QueryForm>
  );
}

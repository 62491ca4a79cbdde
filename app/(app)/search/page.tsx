import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Form from "next/form";
import { api, requireViewer } from "~/app/_trpc/server";
import { TextField } from "~/app/_components/form";
import { Button, PageHeader, TextLink } from "~/app/_components/ui";
import { fieldErrors } from "~/schemas/issues";
import { ZSearchInput } from "~/schemas/notices";
import { firstParam, type SearchParams } from "../_components/feed-filters";
import { ExportLinks } from "../_components/export-links";
import { NoticeList } from "../_components/notice-list";
import { isolate } from "~/app/_components/isolate";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("feed"))("search.title") };
}

const searchHref = (q: string, cursor?: string | null) => `/search?${new URLSearchParams({ q, ...(cursor ? { cursor } : {}) }).toString()}`;

/** One page of results; a cursor that is not ours (edited or truncated link) falls back to the first page. */
async function loadResults(q: string, cursor: string | undefined) {
  const caller = await api();
  try {
    return { page: await caller.notices.search({ q, cursor }), cursorRejected: false };
  } catch (error) {
    if (!(cursor && error instanceof TRPCError && error.code === "BAD_REQUEST")) throw error;
    return { page: await caller.notices.search({ q }), cursorRejected: true };
  }
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireViewer();
  const params = await searchParams;
  const typed = firstParam(params.q) ?? "";
  const t = await getTranslations("feed");
  // An empty box is a page waiting for a query, not an error.
  const parsed = typed ? ZSearchInput.pick({ q: true }).safeParse({ q: typed }) : null;
  const q = parsed?.success ? parsed.data.q : null;
  const cursor = firstParam(params.cursor);
  const results = q ? await loadResults(q, cursor) : null;
  const paged = Boolean(cursor) && results !== null && !results.cursorRejected;

  return (
    <>
      <PageHeader title={t("search.title")} subtitle={t("search.subtitle")} />
      <Form action="/search" prefetch={false} role="search" className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <TextField
            // Remounts on navigation, so the box shows the query of the page being shown.
            key={typed}
            label={t("search.label")}
            hint={t("search.hint")}
            name="q"
            type="search"
            defaultValue={typed}
            maxLength={ZSearchInput.shape.q.maxLength ?? undefined}
            error={parsed && !parsed.success ? fieldErrors(parsed.error).q : undefined}
          />
        </div>
        <div className="sm:mt-6">
          <Button type="submit">{t("search.submit")}</Button>
        </div>
      </Form>
      {results?.cursorRejected ? (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t("invalidCursor")}
        </p>
      ) : null}
      {q && results ? (
        <>
          <h2 className="mb-3 text-lg font-semibold">{t("search.resultsFor", { q: isolate(q) })}</h2>
          <ExportLinks selection={{ scope: "search", q }} />
          {paged ? (
            <p className="mb-3 text-sm">
              <TextLink href={searchHref(q)}>← {t("search.firstPage")}</TextLink>
            </p>
          ) : null}
          <NoticeList
            items={results.page.items}
            olderHref={results.page.nextCursor ? searchHref(q, results.page.nextCursor) : null}
            empty={paged ? t("list.noOlder") : t("search.noResults", { q: isolate(q) })}
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("search.prompt")}</p>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { api, requireViewer } from "~/app/_trpc/server";
import { QueryForm } from "~/app/_components/query-form";
import { localized } from "~/app/_components/names";
import { ReferenceText } from "~/app/_components/reference-text";
import { Button, PageHeader, Table, TextLink } from "~/app/_components/ui";
import { fieldErrors } from "~/schemas/issues";
import { SUBSTANCE_QUERY_MAX, ZSubstanceSearch } from "~/schemas/reference";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reference"))("substances.title") };
}

export default async function SubstancesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireViewer();
  const raw = (await searchParams).q;
  const typed = Array.isArray(raw) ? raw[0] : raw;
  const parsed = ZSubstanceSearch.safeParse({ q: typed });
  const [t, common, provisions, locale] = await Promise.all([
    getTranslations("reference"),
    getTranslations("common"),
    getTranslations("offline.provisions"),
    getLocale(),
  ]);
  const rows = parsed.success ? await (await api()).reference.substances.search(parsed.data) : [];
  const q = parsed.success ? (parsed.data.q ?? "") : (typed ?? "");

  return (
    <>
      <PageHeader title={t("substances.title")} subtitle={t("substances.subtitle")} actions={<TextLink href="/provisions">{provisions("title")}</TextLink>} />
      <QueryForm
        action="/substances"
        className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-start"
        label={t("substances.searchLabel")}
        hint={t("substances.searchHint")}
        query={q}
        maxLength={SUBSTANCE_QUERY_MAX}
        error={parsed.success ? undefined : fieldErrors(parsed.error).q}
      >
        <div className="flex items-center gap-4 sm:mt-6">
          <Button type="submit">{common("search")}</Button>
          {q ? <TextLink href="/substances">{t("substances.clear")}</TextLink> : null}
        </div>
      </QueryForm>
      <p className="mb-4 text-sm text-slate-600" role="status">
        {!parsed.success ? null : q ? t("substances.results", { count: rows.length, q }) : t("substances.all", { count: rows.length })}
      </p>
      {rows.length > 0 ? (
        <Table head={[t("substances.name"), t("substances.table"), t("substances.cas"), t("substances.hsCode"), t("substances.illicitUse")]}>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`substance-${row.id}`}>
              <td className="px-3 py-2 font-medium">
                <TextLink href={`/substances/${row.id}`}>{localized(row.name, locale)}</TextLink>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{t(`tables.${row.conventionTable}`)}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono">{row.cas ?? "—"}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono">{row.hsCode ?? "—"}</td>
              <td className="px-3 py-2">
                {row.illicitUse ? <ReferenceText texts={{ en: row.illicitUse, ru: row.illicitUseRu, zh: row.illicitUseZh }} locale={locale} /> : "—"}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}

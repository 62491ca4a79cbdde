import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "~/app/_components/link";
import { api, requireViewer } from "~/app/_trpc/server";
import { PageHeader, Table, TextLink } from "~/app/_components/ui";
import { ZCrossingList } from "~/schemas/reference";
import { CROSSING_COUNTRIES } from "~/schemas/reference-enums";
import { CrossingModes, CrossingStatus } from "./_components/badges";
import { crossingLabels } from "./_components/labels";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reference"))("crossings.title") };
}

export default async function CrossingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireViewer();
  // An unknown ?country= (a stale or hand-edited link) shows every crossing rather than an error.
  const parsed = ZCrossingList.safeParse({ country: (await searchParams).country });
  const country = parsed.success ? parsed.data.country : undefined;
  const caller = await api();
  const [rows, countries, t, label] = await Promise.all([
    caller.reference.crossings.list({ country }),
    caller.reference.countries.list(),
    getTranslations("reference"),
    crossingLabels(),
  ]);
  const filters = [
    { code: undefined, href: "/crossings", label: t("crossings.allCountries") },
    ...CROSSING_COUNTRIES.map((code) => {
      const names = countries.find((c) => c.code === code)?.name;
      return { code, href: `/crossings?country=${code}`, label: names ? label.name(names) : code };
    }),
  ];
  const groups = CROSSING_COUNTRIES.map((code) => ({ code, rows: rows.filter((row) => row.country.code === code) })).filter((group) => group.rows.length > 0);

  return (
    <>
      <PageHeader title={t("crossings.title")} subtitle={t("crossings.subtitle")} />
      <nav aria-label={t("crossings.filterLabel")} className="mb-6 flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{t("crossings.filterLabel")}:</span>
        {filters.map((filter) => {
          const current = filter.code === country;
          return (
            <Link
              key={filter.href}
              href={filter.href}
              aria-current={current ? "page" : undefined}
              className={`rounded-full border px-3 py-1 text-sm ${
                current ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
              }`}
            >
              {filter.label}
            </Link>
          );
        })}
      </nav>
      <p className="mb-4 text-sm text-slate-600">{t("crossings.count", { count: rows.length })}</p>
      <div className="space-y-8">
        {groups.map((group) => (
          <section key={group.code} aria-labelledby={`country-${group.code}`}>
            <h2 id={`country-${group.code}`} className="mb-3 text-lg font-semibold">
              {label.name(group.rows[0]!.country)}
            </h2>
            <Table
              head={[t("crossings.name"), t("crossings.countries"), t("crossings.kind"), t("crossings.modes"), t("crossings.elevation"), t("crossings.status")]}
            >
              {group.rows.map((row) => (
                <tr key={row.id} data-testid={`crossing-${row.id}`}>
                  <td className="px-3 py-2 font-medium">
                    <TextLink href={`/crossings/${row.id}`}>{label.name(row.name)}</TextLink>
                  </td>
                  <td className="px-3 py-2">{label.pair(row)}</td>
                  <td className="px-3 py-2">{label.kind(row.kind)}</td>
                  <td className="px-3 py-2">
                    <CrossingModes modes={row.modes} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{label.elevation(row.elevationM) ?? "—"}</td>
                  <td className="px-3 py-2">
                    <CrossingStatus status={row.status} />
                  </td>
                </tr>
              ))}
            </Table>
          </section>
        ))}
      </div>
    </>
  );
}

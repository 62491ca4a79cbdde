import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { api, orNotFound, requireViewer } from "~/app/_trpc/server";
import { byLabel, localized } from "~/app/_components/names";
import { Card, PageHeader, Table } from "~/app/_components/ui";
import { AGENCY_COUNTRIES } from "~/schemas/agency-enums";
import { AgencyRow, type AgencyPanel, type AgencyRowData } from "./_components/agency-row";
import { CreateAgencyForm } from "./_components/create-agency-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("agencies"))("admin.title") };
}

type Query = { created?: string | string[]; edit?: string | string[]; deactivate?: string | string[] };

export default async function AgencyAdminPage({ searchParams }: { searchParams: Promise<Query> }) {
  const viewer = await requireViewer();
  // Addresses the page's forms lead to: the agency just added, the row whose panel is open.
  const query = await searchParams;
  const caller = await api();
  // Anyone without agency.manage gets the 404 page, as if there were no such page.
  const agencies = await orNotFound(caller.agencies.list());
  const [countries, t, locale] = await Promise.all([caller.agencies.countries(), getTranslations("agencies"), getLocale()]);
  const countryName = new Map(countries.map((country) => [country.code, localized(country.name, locale)]));
  const nameOf = (code: string | null) => (code ? (countryName.get(code) ?? code) : null);

  const rows: AgencyRowData[] = agencies.map((agency) => {
    const seat = nameOf(agency.seatCountryCode);
    return {
      id: agency.id,
      kind: agency.kind,
      name: agency.name,
      shortName: agency.shortName,
      active: agency.active,
      userCount: agency.userCount,
      label: localized(agency.name, locale),
      where: nameOf(agency.countryCode) ?? (seat ? `${t("admin.international")} · ${seat}` : t("admin.international")),
      own: agency.id === viewer.agencyId,
    };
  });
  const panelOf = (id: string): AgencyPanel => (query.edit === id ? "edit" : query.deactivate === id ? "deactivate" : null);
  const memberCountries = byLabel(
    AGENCY_COUNTRIES.map((code) => ({ code, label: nameOf(code) ?? code })),
    locale,
  );
  const seatCountries = byLabel(
    countries.map((country) => ({ code: country.code, label: countryName.get(country.code) ?? country.code })),
    locale,
  );

  return (
    <>
      <PageHeader title={t("admin.title")} subtitle={t("admin.subtitle")} />
      <Card className="mb-8">
        <CreateAgencyForm memberCountries={memberCountries} seatCountries={seatCountries} created={rows.find((row) => row.id === query.created)?.id ?? null} />
      </Card>
      <Table head={[t("fields.name"), t("fields.country"), t("fields.kind"), t("fields.users"), t("fields.status"), t("fields.actions")]}>
        {rows.map((row) => (
          <AgencyRow key={row.id} agency={row} panel={panelOf(row.id)} />
        ))}
      </Table>
    </>
  );
}

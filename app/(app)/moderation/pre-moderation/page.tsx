import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { localized } from "~/app/_components/names";
import { Badge, PageHeader, Table } from "~/app/_components/ui";
import { api, requireViewer } from "~/app/_trpc/server";
import { PreModerationToggle } from "../_components/pre-moderation-toggle";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("preModeration.title") };
}

/** Administrators place agencies and people under pre-moderation: their notices wait for a coordinator. */
export default async function PreModerationPage() {
  const viewer = await requireViewer();
  if (!viewer.permissions.has("moderation.configure")) notFound();
  const caller = await api();
  const [agencies, users, t, locale] = await Promise.all([
    caller.agencies.list(),
    caller.users.list(),
    getTranslations("moderation.preModeration"),
    getLocale(),
  ]);
  const state = (on: boolean) => <Badge tone={on ? "amber" : "slate"}>{t(on ? "on" : "off")}</Badge>;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <h2 className="mb-3 text-lg font-semibold">{t("agencies")}</h2>
      <Table head={[t("agency"), t("state"), t("change")]}>
        {agencies.map((agency) => (
          <tr key={agency.id} data-testid={`premod-agency-${agency.id}`}>
            <td className="px-3 py-2">
              {localized(agency.name, locale)} ({agency.shortName})
            </td>
            <td className="px-3 py-2">{state(agency.preModerated)}</td>
            <td className="px-3 py-2">
              <PreModerationToggle target={{ agencyId: agency.id }} on={agency.preModerated} name={agency.shortName} />
            </td>
          </tr>
        ))}
      </Table>
      <h2 className="mt-8 mb-3 text-lg font-semibold">{t("users")}</h2>
      <Table head={[t("user"), t("agency"), t("state"), t("change")]}>
        {users.map((user) => (
          <tr key={user.id} data-testid={`premod-user-${user.email}`}>
            <td className="px-3 py-2">
              <bdi>{user.name}</bdi> <span className="text-slate-500">{user.email}</span>
            </td>
            <td className="px-3 py-2">{localized(user.agencyName, locale)}</td>
            <td className="px-3 py-2">{state(user.preModerated)}</td>
            <td className="px-3 py-2">
              <PreModerationToggle target={{ userId: user.id }} on={user.preModerated} name={user.name} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { api, requireViewer } from "~/app/_trpc/server";
import { localized } from "~/app/_components/names";
import { Badge, Card, PageHeader, Table } from "~/app/_components/ui";
import { timeZoneOptions } from "~/schemas/profile";
import { InviteUserForm } from "./_components/invite-user-form";
import type { UserFormOptions } from "./_components/types";
import { UserActions } from "./_components/user-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

const STATUS_TONE = { active: "green", invited: "amber", disabled: "red" } as const;

export default async function UsersAdminPage({ searchParams }: { searchParams: Promise<{ edit?: string | string[]; saved?: string | string[] }> }) {
  const viewer = await requireViewer();
  // The row whose edit form is open, and the one just saved: addresses, so both work without JavaScript.
  const { edit, saved } = await searchParams;
  // Without the permission the page does not exist, as far as the viewer can tell.
  if (!viewer.permissions.has("user.manage")) notFound();
  const caller = await api();
  const [users, raw, t, locale] = await Promise.all([caller.users.list(), caller.users.formOptions(), getTranslations(), getLocale()]);
  const options: UserFormOptions = {
    agencies: raw.agencies.map((agency) => ({ id: agency.id, label: `${localized(agency.name, locale)} (${agency.shortName})` })),
    crossings: raw.crossings.map((crossing) => ({ id: crossing.id, label: localized(crossing.name, locale) })),
    roles: raw.roles,
    canChangeAgency: raw.canChangeAgency,
  };
  const onlyAgency = options.agencies.length === 1 ? options.agencies[0]!.id : "";

  return (
    <>
      <PageHeader
        title={t("users.title")}
        subtitle={raw.canChangeAgency ? t("users.subtitleAll") : t("users.subtitleAgency", { agency: localized(viewer.agencyName, locale) })}
      />
      <Card className="mb-8">
        <InviteUserForm
          options={options}
          zones={timeZoneOptions()}
          defaults={{
            agencyId: onlyAgency,
            // The least powerful role comes first in the table of grantable roles.
            role: raw.roles[0]!,
            locale: viewer.locale,
            timeZone: viewer.timeZone,
          }}
        />
      </Card>
      <Table
        head={[
          t("users.table.name"),
          t("users.table.email"),
          t("users.table.agency"),
          t("users.table.role"),
          t("users.table.status"),
          t("users.table.lastSignIn"),
          t("users.table.actions"),
        ]}
      >
        {users.length === 0 ? (
          <tr>
            <td colSpan={7} className="px-3 py-4 text-center text-slate-500">
              {t("users.table.empty")}
            </td>
          </tr>
        ) : null}
        {users.map((user) => (
          <UserRow key={user.id} user={user} viewerAgencyId={viewer.agencyId} options={options} editing={edit === user.id} saved={saved === user.id} />
        ))}
      </Table>
    </>
  );
}

type User = Awaited<ReturnType<Awaited<ReturnType<typeof api>>["users"]["list"]>>[number];

/** One user: who, where, what role and status, when last signed in, and what the viewer may do to them. */
async function UserRow({
  user,
  viewerAgencyId,
  options,
  editing,
  saved,
}: {
  user: User;
  viewerAgencyId: string;
  options: UserFormOptions;
  editing: boolean;
  saved: boolean;
}) {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const agencyLabel = localized(user.agencyName, locale);
  return (
    <tr id={`user-${user.id}`} data-testid={`user-row-${user.email}`} className="align-top">
      <td className="px-3 py-2 font-medium text-slate-900">
        <bdi>{user.name}</bdi>
        {user.isSelf ? <span className="ml-1 text-xs font-normal text-slate-500">({t("users.table.you")})</span> : null}
        {user.serviceAccount ? (
          <span className="ml-2">
            <Badge tone="slate">{t("users.table.serviceAccount")}</Badge>
          </span>
        ) : null}
      </td>
      <td className="px-3 py-2 break-all">{user.email}</td>
      <td className="px-3 py-2">{agencyLabel}</td>
      <td className="px-3 py-2">{t(`common.roles.${user.role}`)}</td>
      <td className="px-3 py-2">
        <Badge tone={STATUS_TONE[user.status]}>{t(`users.status.${user.status}`)}</Badge>
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {user.lastSignInAt ? format.dateTime(user.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) : t("users.table.never")}
      </td>
      <td className="px-3 py-2">
        {user.manageable ? (
          <UserActions
            user={{
              id: user.id,
              name: user.name,
              role: user.role,
              status: user.status,
              agencyId: user.agencyId,
              agencyLabel,
              dutyStationId: user.dutyStationId,
              isSelf: user.isSelf,
              serviceAccount: user.serviceAccount,
              ownAgency: user.agencyId === viewerAgencyId,
            }}
            options={options}
            editing={editing}
            saved={saved}
          />
        ) : null}
      </td>
    </tr>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { FormMessage } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { ConformFormMessage, HiddenField, InputField, SelectField, useConformForm } from "~/app/_components/form/conform";
import { Button, ButtonLink, Confirmation } from "~/app/_components/ui";
import type { Role } from "~/server/auth/roles";
import { manageUser, updateUser, type UserActionState } from "../actions";
import { InvitationLink } from "./invitation-link";
import type { Option, UserFormOptions } from "./types";

const editSchema = () => import("~/schemas/users").then((m) => m.ZUserEdit);

export type ManagedUser = {
  id: string;
  name: string;
  role: Role;
  status: "invited" | "active" | "disabled";
  agencyId: string;
  agencyLabel: string;
  dutyStationId: string | null;
  isSelf: boolean;
  /** Signs in never (no sessions, no second factor) and stays an analyst of its agency: its keys are its access. */
  serviceAccount: boolean;
  /** Of the viewer's own agency. */
  ownAgency: boolean;
};

// Opening and closing the edit form are addresses, so they work without JavaScript too.
const usersPath = (query: string, userId: string) => `/admin/users${query}#user-${userId}`;

function EditUserForm({ user, options }: { user: ManagedUser; options: UserFormOptions }) {
  const t = useTranslations("users");
  const tc = useTranslations("common");
  const { form, fields, formProps, pending } = useConformForm(editSchema, updateUser, {
    id: `edit-user-${user.id}`,
    defaultValue: {
      userId: user.id,
      name: user.name,
      role: user.role,
      dutyStationId: user.dutyStationId ?? "",
      ...(options.canChangeAgency ? { agencyId: user.agencyId } : {}),
    },
  });
  // An inactive agency is not offered for new assignments, but a user may still belong to one.
  const agencies: Option[] = options.agencies.some((agency) => agency.id === user.agencyId)
    ? options.agencies
    : [{ id: user.agencyId, label: user.agencyLabel }, ...options.agencies];

  return (
    <form {...formProps} className="min-w-64 space-y-3 rounded-md bg-slate-50 p-3">
      <ConformFormMessage form={form} />
      <HiddenField field={fields.userId} />
      <InputField field={fields.name} label={t("invite.name")} required maxLength={200} />
      <SelectField field={fields.role} label={t("invite.role")}>
        {(user.serviceAccount ? [user.role] : options.roles).map((role) => (
          <option key={role} value={role}>
            {tc(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      {options.canChangeAgency && !user.serviceAccount ? (
        <SelectField field={fields.agencyId} label={t("invite.agency")}>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.label}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField field={fields.dutyStationId} label={t("invite.dutyStation")}>
        <option value="">{t("invite.noDutyStation")}</option>
        {options.crossings.map((crossing) => (
          <option key={crossing.id} value={crossing.id}>
            {crossing.label}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("actions.saving") : t("actions.save")}
        </Button>
        <ButtonLink href={usersPath("", user.id)}>{tc("cancel")}</ButtonLink>
      </div>
    </form>
  );
}

const initial: UserActionState = { fields: {}, message: null, invitation: null };

/** The buttons and edit form of one row of the users table; they stay inside the row they act on. */
export function UserActions({ user, options, editing, saved }: { user: ManagedUser; options: UserFormOptions; editing: boolean; saved: boolean }) {
  const t = useTranslations("users");
  const { state, formProps, pending } = useFormAction(manageUser, initial);
  const button = (intent: string, label: string, variant: "secondary" | "danger" = "secondary") => (
    <Button type="submit" name="intent" value={intent} variant={variant} disabled={pending}>
      {label}
    </Button>
  );

  return (
    <div className="space-y-2">
      <form {...formProps} className="flex flex-wrap gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <ButtonLink href={editing ? usersPath("", user.id) : usersPath(`?edit=${user.id}`, user.id)}>{t("actions.edit")}</ButtonLink>
        {user.status === "disabled" ? button("enable", t("actions.enable")) : user.isSelf ? null : button("disable", t("actions.disable"), "danger")}
        {user.status === "active" && !user.isSelf && !user.serviceAccount ? button("endSessions", t("actions.endSessions")) : null}
        {user.status === "active" && !user.isSelf && !user.serviceAccount ? button("resetSecondFactor", t("actions.resetSecondFactor")) : null}
        {/* The keys page lists the viewer's own agency's accounts: where the list spans agencies, only those link to it. */}
        {user.serviceAccount && user.ownAgency ? <ButtonLink href="/admin/api-keys">{t("actions.apiKeys")}</ButtonLink> : null}
        {user.status === "invited" ? button("resendInvitation", t("actions.resend")) : null}
      </form>
      <FormMessage message={state.message} />
      {saved ? <Confirmation>{t("actions.saved")}</Confirmation> : null}
      {state.invitation ? (
        <div className="min-w-64 space-y-2">
          <Confirmation>{t("actions.resent")}</Confirmation>
          <InvitationLink invitation={state.invitation} />
        </div>
      ) : null}
      {editing ? <EditUserForm user={user} options={options} /> : null}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { CheckboxField, ConformFormMessage, InputField, SelectField, useConformForm } from "~/app/_components/form/conform";
import { LocaleSelect, TimeZoneSelect } from "~/app/_components/preference-selects";
import { Button } from "~/app/_components/ui";
import type { Locale } from "~/i18n/locales";
import type { Role } from "~/server/auth/roles";
import { inviteUser } from "../actions";
import { InvitationLink } from "./invitation-link";
import type { UserFormOptions } from "./types";

const inviteSchema = () => import("~/schemas/users").then((m) => m.ZUserInvite);

export function InviteUserForm({
  options,
  zones,
  defaults,
}: {
  options: UserFormOptions;
  zones: { regional: string[]; others: string[] };
  defaults: { agencyId: string; role: Role; locale: Locale; timeZone: string };
}) {
  const t = useTranslations("users.invite");
  const tc = useTranslations("common");
  const premod = useTranslations("moderation.preModeration");
  const { form, fields, formProps, pending, result } = useConformForm(inviteSchema, inviteUser, { id: "invite-user", defaultValue: defaults });
  const created = result?.shown;

  return (
    <form {...formProps} className="space-y-4" aria-labelledby="invite-user-title">
      <div>
        <h2 id="invite-user-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ConformFormMessage form={form} />
      {created ? (
        <div className="space-y-2">
          <p role="status" className="text-sm font-medium text-green-800">
            {t("created", { email: created.email })}
          </p>
          <InvitationLink invitation={created} />
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <InputField field={fields.email} label={t("email")} type="email" required maxLength={320} autoComplete="off" spellCheck={false} />
        <InputField field={fields.name} label={t("name")} required maxLength={200} autoComplete="off" />
        <SelectField field={fields.agencyId} label={t("agency")} required>
          {options.agencies.length > 1 ? <option value="">{t("chooseAgency")}</option> : null}
          {options.agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.label}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.role} label={t("role")} required>
          {options.roles.map((role) => (
            <option key={role} value={role}>
              {tc(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.dutyStationId} label={t("dutyStation")}>
          <option value="">{t("noDutyStation")}</option>
          {options.crossings.map((crossing) => (
            <option key={crossing.id} value={crossing.id}>
              {crossing.label}
            </option>
          ))}
        </SelectField>
        <LocaleSelect field={fields.locale} label={t("language")} />
        <TimeZoneSelect field={fields.timeZone} label={t("timeZone")} zones={zones} regionalLabel={t("regionalZones")} otherLabel={t("otherZones")} />
      </div>
      <CheckboxField field={fields.preModerated} label={premod("inviteLabel")} hint={premod("inviteHint")} />
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

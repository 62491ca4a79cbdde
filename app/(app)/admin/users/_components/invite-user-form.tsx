"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, SelectField, TextField, type FormErrors } from "~/app/_components/form";
import { LocaleSelect, TimeZoneSelect } from "~/app/_components/preference-selects";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { Locale } from "~/i18n/locales";
import type { Role } from "~/server/auth/roles";
import { InvitationLink } from "./invitation-link";
import type { Invitation, UserFormOptions } from "./types";

type Draft = { email: string; name: string; agencyId: string; role: Role; dutyStationId: string; locale: Locale; timeZone: string; preModerated: boolean };

export function InviteUserForm({
  options,
  zones,
  defaults,
}: {
  options: UserFormOptions;
  zones: { regional: string[]; others: string[] };
  defaults: Pick<Draft, "agencyId" | "role" | "locale" | "timeZone">;
}) {
  const t = useTranslations("users.invite");
  const tc = useTranslations("common");
  const router = useRouter();
  const trpc = useTRPC();
  const invite = useMutation(trpc.users.invite.mutationOptions());
  const premod = useTranslations("moderation.preModeration");
  const blank: Draft = { email: "", name: "", dutyStationId: "", preModerated: false, ...defaults };
  const [value, setValue] = useState<Draft>(blank);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<(Invitation & { email: string }) | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    invite.mutate(
      { ...value, dutyStationId: value.dutyStationId || null },
      {
        onSuccess: ({ link, expiresAt }) => {
          setErrors(noErrors);
          setCreated({ link, expiresAt, email: value.email.trim().toLowerCase() });
          setValue(blank);
          router.refresh();
        },
        onError: (error) => setErrors(formErrors(error)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby="invite-user-title">
      <div>
        <h2 id="invite-user-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <FormMessage message={errors.message} />
      {created ? (
        <div className="space-y-2">
          <p role="status" className="text-sm font-medium text-green-800">
            {t("created", { email: created.email })}
          </p>
          <InvitationLink invitation={created} />
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={t("email")}
          name="email"
          type="email"
          required
          maxLength={320}
          autoComplete="off"
          spellCheck={false}
          value={value.email}
          error={errors.fields.email}
          onChange={(event) => setValue({ ...value, email: event.target.value })}
        />
        <TextField
          label={t("name")}
          name="name"
          required
          maxLength={200}
          autoComplete="off"
          value={value.name}
          error={errors.fields.name}
          onChange={(event) => setValue({ ...value, name: event.target.value })}
        />
        <SelectField
          label={t("agency")}
          name="agencyId"
          required
          value={value.agencyId}
          error={errors.fields.agencyId}
          onChange={(event) => setValue({ ...value, agencyId: event.target.value })}
        >
          {options.agencies.length > 1 ? <option value="">{t("chooseAgency")}</option> : null}
          {options.agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("role")}
          name="role"
          required
          value={value.role}
          error={errors.fields.role}
          onChange={(event) => {
            const role = options.roles.find((r) => r === event.target.value);
            if (role) setValue({ ...value, role });
          }}
        >
          {options.roles.map((role) => (
            <option key={role} value={role}>
              {tc(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("dutyStation")}
          name="dutyStationId"
          value={value.dutyStationId}
          error={errors.fields.dutyStationId}
          onChange={(event) => setValue({ ...value, dutyStationId: event.target.value })}
        >
          <option value="">{t("noDutyStation")}</option>
          {options.crossings.map((crossing) => (
            <option key={crossing.id} value={crossing.id}>
              {crossing.label}
            </option>
          ))}
        </SelectField>
        <LocaleSelect
          label={t("language")}
          name="locale"
          value={value.locale}
          error={errors.fields.locale}
          onLocale={(locale) => setValue({ ...value, locale })}
        />
        <TimeZoneSelect
          label={t("timeZone")}
          name="timeZone"
          value={value.timeZone}
          error={errors.fields.timeZone}
          onChange={(event) => setValue({ ...value, timeZone: event.target.value })}
          zones={zones}
          regionalLabel={t("regionalZones")}
          otherLabel={t("otherZones")}
        />
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="preModerated" className="mt-1" checked={value.preModerated} onChange={(event) => setValue({ ...value, preModerated: event.target.checked })} />
        <span>
          <span className="font-medium">{premod("inviteLabel")}</span>
          <span className="block text-xs text-slate-500">{premod("inviteHint")}</span>
        </span>
      </label>
      <Button type="submit" disabled={invite.isPending}>
        {invite.isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { ConformFormMessage, InputField, SelectField, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import { createAgency } from "../actions";
import { AgencyDetailsFields } from "./agency-fields";

const createSchema = () => import("~/schemas/agencies").then((m) => m.ZAgencyCreate);

type Option = { code: string; label: string };

export function CreateAgencyForm({ memberCountries, seatCountries, created }: { memberCountries: Option[]; seatCountries: Option[]; created: string | null }) {
  const t = useTranslations("agencies");
  const { form, fields, formProps, pending } = useConformForm(createSchema, createAgency, { id: "create-agency", defaultValue: { kind: "customs" } });
  // Only an international body is asked where it sits. Without JavaScript the field stays, and
  // the service ignores it for a national agency.
  const international = !fields.countryCode.value;

  return (
    <form {...formProps} className="space-y-4" aria-labelledby="create-agency-title">
      <h2 id="create-agency-title" className="text-lg font-semibold">
        {t("admin.createTitle")}
      </h2>
      <ConformFormMessage form={form} />
      {created ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800">
          {t("admin.created", { id: created })}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <InputField
          field={fields.id}
          label={t("fields.id")}
          required
          minLength={3}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          hint={t("admin.idHint")}
        />
        <SelectField field={fields.countryCode} label={t("fields.country")} hint={t("admin.countryHint")}>
          <option value="">{t("admin.noCountry")}</option>
          {memberCountries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.label}
            </option>
          ))}
        </SelectField>
        {international ? (
          <SelectField field={fields.seatCountryCode} label={t("fields.seatCountry")} required>
            <option value="">{t("admin.chooseCountry")}</option>
            {seatCountries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        <AgencyDetailsFields fields={fields} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("admin.creating") : t("admin.create")}
      </Button>
    </form>
  );
}

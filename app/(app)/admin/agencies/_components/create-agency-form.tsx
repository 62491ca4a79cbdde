"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, SelectField, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { AgencyCountry } from "~/schemas/agencies";
import { AgencyDetailsFields, type AgencyDetails } from "./agency-fields";

type Option = { code: string; label: string };

const empty = { id: "", countryCode: "", seatCountryCode: "" };
const emptyDetails: AgencyDetails = { kind: "customs", nameEn: "", nameRu: "", nameZh: "", shortName: "" };

export function CreateAgencyForm({ memberCountries, seatCountries }: { memberCountries: Option[]; seatCountries: Option[] }) {
  const t = useTranslations("agencies");
  const router = useRouter();
  const trpc = useTRPC();
  const create = useMutation(trpc.agencies.create.mutationOptions());
  const [where, setWhere] = useState(empty);
  const [details, setDetails] = useState(emptyDetails);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<string | null>(null);
  const international = where.countryCode === "";

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      {
        ...details,
        id: where.id,
        countryCode: international ? null : (where.countryCode as AgencyCountry),
        seatCountryCode: international ? where.seatCountryCode || null : null,
      },
      {
        onSuccess: ({ id }) => {
          setErrors(noErrors);
          setWhere(empty);
          setDetails(emptyDetails);
          setCreated(id);
          router.refresh();
        },
        onError: (error) => setErrors(formErrors(error)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby="create-agency-title">
      <h2 id="create-agency-title" className="text-lg font-semibold">
        {t("admin.createTitle")}
      </h2>
      <FormMessage message={errors.message} />
      {created ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800">
          {t("admin.created", { id: created })}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label={t("fields.id")}
          name="id"
          required
          minLength={3}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          hint={t("admin.idHint")}
          value={where.id}
          error={errors.fields.id}
          onChange={(event) => setWhere({ ...where, id: event.target.value })}
        />
        <SelectField
          label={t("fields.country")}
          name="countryCode"
          hint={t("admin.countryHint")}
          value={where.countryCode}
          error={errors.fields.countryCode}
          onChange={(event) => setWhere({ ...where, countryCode: event.target.value })}
        >
          <option value="">{t("admin.noCountry")}</option>
          {memberCountries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.label}
            </option>
          ))}
        </SelectField>
        {international ? (
          <SelectField
            label={t("fields.seatCountry")}
            name="seatCountryCode"
            required
            value={where.seatCountryCode}
            error={errors.fields.seatCountryCode}
            onChange={(event) => setWhere({ ...where, seatCountryCode: event.target.value })}
          >
            <option value="">{t("admin.chooseCountry")}</option>
            {seatCountries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        <AgencyDetailsFields value={details} onChange={setDetails} errors={errors.fields} />
      </div>
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? t("admin.creating") : t("admin.create")}
      </Button>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { ChangeEvent } from "react";
import type { FieldError } from "~/schemas/issues";
import { AGENCY_KINDS, type AgencyKind } from "~/schemas/agencies";
import { SelectField, TextField } from "~/app/_components/form";

export type AgencyDetails = { kind: AgencyKind; nameEn: string; nameRu: string; nameZh: string; shortName: string };

export const detailsOf = (agency: { kind: AgencyKind; name: { en: string; ru: string; zh: string | null }; shortName: string }): AgencyDetails => ({
  kind: agency.kind,
  nameEn: agency.name.en,
  nameRu: agency.name.ru,
  nameZh: agency.name.zh ?? "",
  shortName: agency.shortName,
});

/** The parts of an agency that can be edited after it is created; shared by the add and edit forms. */
export function AgencyDetailsFields({
  value,
  onChange,
  errors,
}: {
  value: AgencyDetails;
  onChange: (next: AgencyDetails) => void;
  errors: Record<string, FieldError>;
}) {
  const t = useTranslations("agencies");
  const text = (field: Exclude<keyof AgencyDetails, "kind">) => ({
    value: value[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ ...value, [field]: event.target.value }),
  });
  return (
    <>
      <SelectField
        label={t("fields.kind")}
        name="kind"
        value={value.kind}
        error={errors.kind}
        onChange={(event) => onChange({ ...value, kind: event.target.value as AgencyKind })}
      >
        {AGENCY_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t("fields.shortName")} name="shortName" required maxLength={64} {...text("shortName")} />
      <TextField label={t("fields.nameEn")} name="nameEn" lang="en" required maxLength={300} {...text("nameEn")} />
      <TextField label={t("fields.nameRu")} name="nameRu" lang="ru" required maxLength={300} {...text("nameRu")} />
      <TextField label={t("fields.nameZh")} name="nameZh" lang="zh" maxLength={300} hint={t("admin.nameZhHint")} {...text("nameZh")} />
    </>
  );
}

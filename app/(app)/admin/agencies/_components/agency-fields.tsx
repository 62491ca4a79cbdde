"use client";

import { useTranslations } from "next-intl";
import { InputField, SelectField, type Field } from "~/app/_components/form/conform";
import { AGENCY_KINDS } from "~/schemas/agency-enums";

type DetailFields = Record<"kind" | "shortName" | "nameEn" | "nameRu" | "nameZh", Field>;

/** The parts of an agency that can be edited after it is created; shared by the add and edit forms. */
export function AgencyDetailsFields({ fields }: { fields: DetailFields }) {
  const t = useTranslations("agencies");
  return (
    <>
      <SelectField field={fields.kind} label={t("fields.kind")}>
        {AGENCY_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <InputField field={fields.shortName} label={t("fields.shortName")} required maxLength={64} />
      <InputField field={fields.nameEn} label={t("fields.nameEn")} lang="en" required maxLength={300} />
      <InputField field={fields.nameRu} label={t("fields.nameRu")} lang="ru" required maxLength={300} />
      <InputField field={fields.nameZh} label={t("fields.nameZh")} lang="zh" maxLength={300} hint={t("admin.nameZhHint")} />
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { TextRows } from "./controls";
import { useNoticeForm } from "./form-context";

// Fields that name entities (issue 19) and that more than one kind of notice has: each is read
// into entities and correlated across notices (server/services/entities/extract.ts).

/** Each list's messages (entities.form) and limits. */
const LISTS = {
  phones: { legend: "phones", hint: "phonesHint", itemLabel: "phoneLabel", addLabel: "addPhone", maxLength: 40 },
  companies: { legend: "companies", hint: "companiesHint", itemLabel: "companyLabel", addLabel: "addCompany", maxLength: 200 },
} as const;

/** Up to ten rows of one entity list of the notice. */
function EntityRows({ list, inputProps }: { list: keyof typeof LISTS; inputProps?: ComponentProps<typeof TextRows>["inputProps"] }) {
  const t = useTranslations("entities.form");
  const { form, notice } = useNoticeForm();
  const keys = LISTS[list];
  return (
    <TextRows
      form={form}
      list={notice[list]!}
      legend={t(keys.legend)}
      hint={t(keys.hint)}
      itemLabel={(index) => t(keys.itemLabel, { number: index + 1 })}
      max={10}
      maxLength={keys.maxLength}
      addLabel={t(keys.addLabel)}
      inputProps={inputProps}
    />
  );
}

/** Phone numbers, as written; read as E.164 for correlation. */
export function PhoneRows() {
  return <EntityRows list="phones" inputProps={{ inputMode: "tel", spellCheck: false }} />;
}

/** An arrest's companies: the ones its persons direct or work for. */
export function CompanyRows() {
  return <EntityRows list="companies" />;
}

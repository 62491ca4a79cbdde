"use client";

import { useTranslations } from "next-intl";
import { TextRows } from "./controls";
import { useNoticeForm } from "./form-context";

// Fields that name entities (issue 19) and that more than one kind of notice has: each is read
// into entities and correlated across notices (server/services/entities/extract.ts).

/** Phone numbers, as written; read as E.164 for correlation. */
export function PhoneRows() {
  const t = useTranslations("entities.form");
  const { form, notice } = useNoticeForm();
  return (
    <TextRows
      form={form}
      list={notice.phones!}
      legend={t("phones")}
      hint={t("phonesHint")}
      itemLabel={(index) => t("phoneLabel", { number: index + 1 })}
      max={10}
      maxLength={40}
      addLabel={t("addPhone")}
      inputProps={{ inputMode: "tel", spellCheck: false }}
    />
  );
}

/** An arrest's companies: the ones its persons direct or work for. */
export function CompanyRows() {
  const t = useTranslations("entities.form");
  const { form, notice } = useNoticeForm();
  return (
    <TextRows
      form={form}
      list={notice.companies!}
      legend={t("companies")}
      hint={t("companiesHint")}
      itemLabel={(index) => t("companyLabel", { number: index + 1 })}
      max={10}
      maxLength={200}
      addLabel={t("addCompany")}
    />
  );
}

"use client";

import { useTranslations } from "next-intl";
import { CheckboxGroup, InputField, SelectField, TextareaField, type DynamicField as Field } from "~/app/_components/form/conform";
import { COMPANY_GROUNDS } from "~/schemas/notice-enums";
import { ChoiceField, RemoveRow, Rows, Section, TextRows } from "./controls";
import { useNoticeForm } from "./form-context";
import { SimilarAlerts } from "./similar-alerts";
import { PhoneRows } from "./entity-fields";

const SCRIPTS = ["latin", "cyrillic", "chinese"] as const;
const MAX_NAMES = 10;

/**
 * The suspect company: who it is (names in every script, numbers, owners), why it is suspect and
 * what officers should do. Similar alerts already on the platform show as the author types.
 */
export function CompanyPart({
  noticeId,
  linkIds,
}: {
  /** The alert being edited, which is not its own duplicate. */
  noticeId?: string;
  /** A new alert's links to make once it is saved; editing links on the notice's page. */
  linkIds?: Field;
}) {
  const t = useTranslations("noticeForm.company");
  const { form, notice, options } = useNoticeForm();

  return (
    <>
      <Section title={t("identityTitle")} description={t("identityIntro")}>
        <CompanyNames />
        <div className="grid gap-4 md:grid-cols-2">
          <TextRows
            form={form}
            list={notice.registrationNumbers!}
            legend={t("registrationNumbers")}
            itemLabel={(index) => t("registrationNumberLabel", { number: index + 1 })}
            max={10}
            maxLength={60}
            addLabel={t("addRegistrationNumber")}
            inputProps={{ spellCheck: false }}
          />
          <ChoiceField field={notice.registrationCountryCode!} label={t("registrationCountry")} options={options.countries} blank={t("countryNotKnown")} />
        </div>
        <TextRows
          form={form}
          list={notice.owners!}
          legend={t("owners")}
          hint={t("ownersHint")}
          itemLabel={(index) => t("ownerLabel", { number: index + 1 })}
          max={20}
          maxLength={200}
          addLabel={t("addOwner")}
        />
        <PhoneRows />
        <TextRows
          form={form}
          list={notice.addresses!}
          legend={t("addresses")}
          itemLabel={(index) => t("addressLabel", { number: index + 1 })}
          max={10}
          maxLength={300}
          addLabel={t("addAddress")}
        />
        <SimilarAlerts excludeId={noticeId} linkIds={linkIds} />
      </Section>

      <SuspicionSection />
    </>
  );
}

/** The company's names, one a row, each in its script. */
function CompanyNames() {
  const t = useTranslations("noticeForm.company");
  const vocab = useTranslations("vocab");
  const { form, notice } = useNoticeForm();
  const names = notice.names!;
  return (
    <Rows
      form={form}
      list={names}
      legend={t("names")}
      hint={t("namesHint")}
      min={1}
      max={MAX_NAMES}
      addLabel={t("addName")}
      blank={{ script: "latin" }}
      listClassName="space-y-3"
    >
      {(row, index, canRemove) => {
        const fields: Record<string, Field> = row.getFieldset();
        const label = t("nameLabel", { number: index + 1 });
        return (
          <li key={row.key} className="grid items-start gap-2 sm:grid-cols-[10rem_1fr_auto]">
            <SelectField field={fields.script!} label={t("script")}>
              {SCRIPTS.map((script) => (
                <option key={script} value={script}>
                  {vocab(`script.${script}`)}
                </option>
              ))}
            </SelectField>
            <InputField field={fields.name!} label={label} required maxLength={200} />
            {canRemove ? <RemoveRow form={form} list={names} index={index} label={label} className="sm:mt-6" /> : null}
          </li>
        );
      }}
    </Rows>
  );
}

/** Why the company is suspect, what officers should do, and until when. */
function SuspicionSection() {
  const t = useTranslations("noticeForm.company");
  const vocab = useTranslations("vocab");
  const { notice } = useNoticeForm();
  return (
    <Section title={t("suspicionTitle")}>
      <CheckboxGroup
        field={notice.grounds!}
        label={t("grounds")}
        options={COMPANY_GROUNDS.map((ground) => ({ value: ground, label: vocab(`ground.${ground}`) }))}
      />
      <TextareaField field={notice.groundsNote!} label={t("groundsNote")} hint={t("groundsNoteHint")} rows={3} maxLength={1000} />
      <TextareaField field={notice.recommendedAction!} label={t("recommendedAction")} hint={t("recommendedActionHint")} rows={2} required maxLength={1000} />
      <div className="sm:max-w-xs">
        <InputField field={notice.expiresOn!} label={t("expiresOn")} hint={t("expiresOnHint")} type="date" required />
      </div>
    </Section>
  );
}

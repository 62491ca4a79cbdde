"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "~/app/_components/form";
import { COMPANY_GROUNDS } from "~/schemas/notice-enums";
import { CheckboxGroup, OptionsWithCurrent, RepeatableRows, Section, SmallButton, TextAreaField, TextListField } from "./controls";
import { useNoticeForm } from "./form-context";
import { blankCompanyName, type CompanyState } from "./form-state";
import { SimilarAlerts } from "./similar-alerts";

const SCRIPTS = ["latin", "cyrillic", "chinese"] as const;
const MAX_NAMES = 10;

/**
 * The suspect company: who it is (names in every script, numbers, owners), why it is suspect and
 * what officers should do. Similar alerts already on the platform show as the author types.
 */
export function CompanyPart({
  value,
  onChange,
  noticeId,
}: {
  value: CompanyState;
  onChange: (patch: Partial<CompanyState>) => void;
  /** The alert being edited, which is not its own duplicate. */
  noticeId?: string;
}) {
  const t = useTranslations("noticeForm.company");
  const ta = useTranslations("noticeForm.actions");
  const vocab = useTranslations("vocab");
  const { options, errors, disabled } = useNoticeForm();

  return (
    <>
      <Section title={t("identityTitle")} description={t("identityIntro")}>
        <RepeatableRows
          legend={t("names")}
          hint={t("namesHint")}
          error={errors.names}
          rows={value.names}
          onChange={(names) => onChange({ names })}
          max={MAX_NAMES}
          blank={blankCompanyName}
          addLabel={t("addName")}
          disabled={disabled}
          listClassName="space-y-3"
          renderRow={({ row: name, index, canRemove, onChange: setName, onRemove }) => {
            const label = t("nameLabel", { number: index + 1 });
            return (
              <li className="grid items-start gap-2 sm:grid-cols-[10rem_1fr_auto]">
                <SelectField
                  label={t("script")}
                  value={name.script}
                  error={errors[`names.${index}.script`]}
                  disabled={disabled}
                  onChange={(event) => setName({ script: SCRIPTS.find((s) => s === event.target.value) ?? name.script })}
                >
                  {SCRIPTS.map((script) => (
                    <option key={script} value={script}>
                      {vocab(`script.${script}`)}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label={label}
                  required
                  maxLength={200}
                  value={name.name}
                  error={errors[`names.${index}.name`]}
                  disabled={disabled}
                  onChange={(event) => setName({ name: event.target.value })}
                />
                {canRemove ? (
                  <SmallButton className="sm:mt-6" disabled={disabled} aria-label={ta("removeNamed", { name: label })} onClick={onRemove}>
                    {ta("remove")}
                  </SmallButton>
                ) : null}
              </li>
            );
          }}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextListField
            legend={t("registrationNumbers")}
            itemLabel={(index) => t("registrationNumberLabel", { number: index + 1 })}
            values={value.registrationNumbers}
            onChange={(registrationNumbers) => onChange({ registrationNumbers })}
            errors={errors}
            path="registrationNumbers"
            max={10}
            maxLength={60}
            addLabel={t("addRegistrationNumber")}
            disabled={disabled}
            inputProps={{ spellCheck: false }}
          />
          <SelectField
            label={t("registrationCountry")}
            value={value.registrationCountryCode}
            error={errors.registrationCountryCode}
            disabled={disabled}
            onChange={(event) => onChange({ registrationCountryCode: event.target.value })}
          >
            <OptionsWithCurrent options={options.countries} value={value.registrationCountryCode} blank={t("countryNotKnown")} />
          </SelectField>
        </div>
        <TextListField
          legend={t("owners")}
          hint={t("ownersHint")}
          itemLabel={(index) => t("ownerLabel", { number: index + 1 })}
          values={value.owners}
          onChange={(owners) => onChange({ owners })}
          errors={errors}
          path="owners"
          max={20}
          maxLength={200}
          addLabel={t("addOwner")}
          disabled={disabled}
        />
        <TextListField
          legend={t("addresses")}
          itemLabel={(index) => t("addressLabel", { number: index + 1 })}
          values={value.addresses}
          onChange={(addresses) => onChange({ addresses })}
          errors={errors}
          path="addresses"
          max={10}
          maxLength={300}
          addLabel={t("addAddress")}
          disabled={disabled}
        />
        <SimilarAlerts company={value} excludeId={noticeId} linkIds={noticeId ? null : value.linkIds} onLinkIds={(linkIds) => onChange({ linkIds })} />
      </Section>

      <Section title={t("suspicionTitle")}>
        <CheckboxGroup
          legend={t("grounds")}
          options={COMPANY_GROUNDS.map((ground) => ({ value: ground, label: vocab(`ground.${ground}`) }))}
          values={value.grounds}
          error={errors.grounds}
          disabled={disabled}
          onChange={(grounds) => onChange({ grounds: COMPANY_GROUNDS.filter((g) => grounds.includes(g)) })}
        />
        <TextAreaField
          label={t("groundsNote")}
          hint={t("groundsNoteHint")}
          rows={3}
          maxLength={1000}
          value={value.groundsNote}
          error={errors.groundsNote}
          disabled={disabled}
          onChange={(event) => onChange({ groundsNote: event.target.value })}
        />
        <TextAreaField
          label={t("recommendedAction")}
          hint={t("recommendedActionHint")}
          rows={2}
          required
          maxLength={1000}
          value={value.recommendedAction}
          error={errors.recommendedAction}
          disabled={disabled}
          onChange={(event) => onChange({ recommendedAction: event.target.value })}
        />
        <div className="sm:max-w-xs">
          <TextField
            label={t("expiresOn")}
            hint={t("expiresOnHint")}
            type="date"
            required
            value={value.expiresOn}
            error={errors.expiresOn}
            disabled={disabled}
            onChange={(event) => onChange({ expiresOn: event.target.value })}
          />
        </div>
      </Section>
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "~/app/_components/form";
import { ARREST_STATUSES, PERSON_ROLES } from "~/schemas/notice-enums";
import { CheckboxGroup, Group, OptionsWithCurrent, RadioGroup, RepeatableRows, Section, SmallButton } from "./controls";
import { errorAt, useNoticeForm } from "./form-context";
import { blankPerson, type ArrestState, type PersonState, type Row } from "./form-state";

const MAX_PERSONS = 50;

/** Who was arrested, by whom, on which charges, and where the case stands. */
export function ArrestPart({ value, onChange }: { value: ArrestState; onChange: (patch: Partial<ArrestState>) => void }) {
  const t = useTranslations("noticeForm.arrest");
  const vocab = useTranslations("vocab");
  const { options, errors, disabled } = useNoticeForm();
  const provisionGroups = [...new Set(options.provisions.map((p) => p.group))];

  return (
    <>
      <Section title={t("personsTitle")} description={t("personsIntro")}>
        <RepeatableRows
          legend={t("persons")}
          error={errors.persons}
          rows={value.persons}
          onChange={(persons) => onChange({ persons })}
          max={MAX_PERSONS}
          blank={blankPerson}
          addLabel={t("addPerson")}
          disabled={disabled}
          renderRow={({ row, ...rest }) => <PersonFields person={row} {...rest} />}
        />
      </Section>

      <Section title={t("caseTitle")}>
        <div className="sm:max-w-md">
          <SelectField
            label={t("arrestingAgency")}
            value={value.arrestingAgencyId}
            error={errors.arrestingAgencyId}
            disabled={disabled}
            onChange={(event) => onChange({ arrestingAgencyId: event.target.value })}
          >
            <OptionsWithCurrent options={options.agencies} value={value.arrestingAgencyId} blank={t("agencyNotStated")} />
          </SelectField>
        </div>
        <CheckboxGroup
          legend={t("charges")}
          hint={t("chargesHint")}
          options={options.provisions.map((p) => ({ ...p, note: p.inForce ? undefined : t("historical") }))}
          groups={provisionGroups}
          values={value.chargeIds}
          error={errorAt(errors, "chargeIds", true)}
          disabled={disabled}
          onChange={(chargeIds) => onChange({ chargeIds })}
        />
        <RadioGroup
          legend={t("status")}
          name="arrestStatus"
          columns="sm:grid-cols-4"
          value={value.arrestStatus}
          error={errors.arrestStatus}
          disabled={disabled}
          onChange={(arrestStatus) => onChange({ arrestStatus })}
          choices={ARREST_STATUSES.map((status) => ({ value: status, label: vocab(`arrestStatus.${status}`) }))}
        />
      </Section>
    </>
  );
}

function PersonFields({
  person,
  index,
  canRemove,
  onChange,
  onRemove,
}: {
  person: Row<PersonState>;
  index: number;
  canRemove: boolean;
  onChange: (patch: Partial<PersonState>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("noticeForm.arrest");
  const ta = useTranslations("noticeForm.actions");
  const vocab = useTranslations("vocab");
  const { options, errors, disabled } = useNoticeForm();
  const path = `persons.${index}`;
  const label = t("personLabel", { number: index + 1 });
  return (
    <li>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
        <Group legend={t("names")} hint={t("namesHint")} error={errors[`${path}.names`]}>
          <div className="grid gap-3 md:grid-cols-3">
            {(["latin", "cyrillic", "chinese"] as const).map((script) => (
              <TextField
                key={script}
                label={vocab(`script.${script}`)}
                lang={script === "cyrillic" ? "ru" : script === "chinese" ? "zh" : undefined}
                maxLength={200}
                autoComplete="off"
                value={person[script]}
                error={errors[`${path}.names.${script}`]}
                disabled={disabled}
                onChange={(event) => onChange({ [script]: event.target.value })}
              />
            ))}
          </div>
        </Group>
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          <SelectField
            label={t("nationality")}
            value={person.nationalityCode}
            error={errors[`${path}.nationalityCode`]}
            disabled={disabled}
            onChange={(event) => onChange({ nationalityCode: event.target.value })}
          >
            <OptionsWithCurrent options={options.countries} value={person.nationalityCode} blank={t("nationalityUnknown")} />
          </SelectField>
          <TextField
            label={t("birthYear")}
            inputMode="numeric"
            maxLength={4}
            value={person.birthYear}
            error={errors[`${path}.birthYear`]}
            disabled={disabled}
            onChange={(event) => onChange({ birthYear: event.target.value })}
          />
          <SelectField
            label={t("role")}
            required
            value={person.role}
            error={errors[`${path}.role`]}
            disabled={disabled}
            onChange={(event) => onChange({ role: PERSON_ROLES.find((r) => r === event.target.value) ?? "" })}
          >
            <option value="">{t("chooseRole")}</option>
            {PERSON_ROLES.map((role) => (
              <option key={role} value={role}>
                {vocab(`personRole.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {canRemove ? (
          <SmallButton className="mt-3" disabled={disabled} aria-label={ta("removeNamed", { name: label })} onClick={onRemove}>
            {ta("remove")}
          </SmallButton>
        ) : null}
      </fieldset>
    </li>
  );
}

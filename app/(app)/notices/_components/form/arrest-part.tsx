"use client";

import { useTranslations } from "next-intl";
import { CheckboxGroup, InputField, RadioGroup, SelectField, type DynamicField as Field } from "~/app/_components/form/conform";
import { ARREST_STATUSES, PERSON_ROLES } from "~/schemas/notice-enums";
import { ChoiceField, Group, OptionsWithCurrent, RemoveRow, Rows, Section } from "./controls";
import { useNoticeForm } from "./form-context";
import { CompanyRows, PhoneRows } from "./entity-fields";

const MAX_PERSONS = 50;

/** Who was arrested, by whom, on which charges, and where the case stands. */
export function ArrestPart() {
  const t = useTranslations("noticeForm.arrest");
  const vocab = useTranslations("vocab");
  const { form, notice, options } = useNoticeForm();

  return (
    <>
      <Section title={t("personsTitle")} description={t("personsIntro")}>
        <Rows form={form} list={notice.persons!} legend={t("persons")} min={1} max={MAX_PERSONS} addLabel={t("addPerson")}>
          {(row, index, canRemove) => <PersonFields key={row.key} person={row} list={notice.persons!} index={index} canRemove={canRemove} />}
        </Rows>
      </Section>

      <Section title={t("caseTitle")}>
        <div className="sm:max-w-md">
          <SelectField field={notice.arrestingAgencyId!} label={t("arrestingAgency")}>
            <OptionsWithCurrent options={options.agencies} value={String(notice.arrestingAgencyId!.initialValue ?? "")} blank={t("agencyNotStated")} />
          </SelectField>
        </div>
        <CheckboxGroup
          field={notice.chargeIds!}
          label={t("charges")}
          hint={t("chargesHint")}
          options={options.provisions.map((p) => ({ ...p, description: p.inForce ? undefined : t("historical") }))}
        />
        <RadioGroup
          field={notice.arrestStatus!}
          label={t("status")}
          options={ARREST_STATUSES.map((status) => ({ value: status, label: vocab(`arrestStatus.${status}`) }))}
        />
        <CompanyRows />
        <PhoneRows />
      </Section>
    </>
  );
}

function PersonFields({ person, list, index, canRemove }: { person: Field; list: Field; index: number; canRemove: boolean }) {
  const t = useTranslations("noticeForm.arrest");
  const vocab = useTranslations("vocab");
  const { form, options } = useNoticeForm();
  const fields: Record<string, Field> = person.getFieldset();
  const names: Record<string, Field> = fields.names!.getFieldset();
  const label = t("personLabel", { number: index + 1 });
  return (
    <li>
      <fieldset id={person.id} className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
        <Group legend={t("names")} hint={t("namesHint")} field={fields.names}>
          <div className="grid gap-3 md:grid-cols-3">
            {(["latin", "cyrillic", "chinese"] as const).map((script) => (
              <InputField
                key={script}
                field={names[script]!}
                label={vocab(`script.${script}`)}
                lang={script === "cyrillic" ? "ru" : script === "chinese" ? "zh" : undefined}
                maxLength={200}
                autoComplete="off"
              />
            ))}
          </div>
        </Group>
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          <ChoiceField field={fields.nationalityCode!} label={t("nationality")} options={options.countries} blank={t("nationalityUnknown")} />
          <InputField field={fields.birthYear!} label={t("birthYear")} inputMode="numeric" maxLength={4} />
          <SelectField field={fields.role!} label={t("role")} required>
            <option value="">{t("chooseRole")}</option>
            {PERSON_ROLES.map((role) => (
              <option key={role} value={role}>
                {vocab(`personRole.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {canRemove ? <RemoveRow form={form} list={list} index={index} label={label} className="mt-3" /> : null}
      </fieldset>
    </li>
  );
}

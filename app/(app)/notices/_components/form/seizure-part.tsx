"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "~/app/_components/form";
import { CONVEYANCES, QUANTITY_UNITS } from "~/schemas/notice-enums";
import { MultiSelectField, OptionsWithCurrent, RepeatableRows, Section, SmallButton, TextListField } from "./controls";
import { errorAt, useNoticeForm } from "./form-context";
import { blankItem, UNIDENTIFIED, type ItemState, type Row, type SeizureState } from "./form-state";

const MAX_ITEMS = 20;
const MAX_COUNTRIES = 20;

/** What was seized, how it travelled and where from and to. */
export function SeizurePart({ value, onChange }: { value: SeizureState; onChange: (patch: Partial<SeizureState>) => void }) {
  const t = useTranslations("noticeForm.seizure");
  const vocab = useTranslations("vocab");
  const { options, errors, disabled } = useNoticeForm();

  return (
    <>
      <Section title={t("itemsTitle")} description={t("itemsIntro")}>
        <RepeatableRows
          legend={t("items")}
          error={errors.items}
          rows={value.items}
          onChange={(items) => onChange({ items })}
          max={MAX_ITEMS}
          blank={blankItem}
          addLabel={t("addItem")}
          disabled={disabled}
          renderRow={({ row, ...rest }) => <ItemFields item={row} {...rest} />}
        />
      </Section>

      <Section title={t("shipmentTitle")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("declaredAs")}
            hint={t("declaredAsHint")}
            maxLength={200}
            value={value.declaredAs}
            error={errors.declaredAs}
            disabled={disabled}
            onChange={(event) => onChange({ declaredAs: event.target.value })}
          />
          <TextField
            label={t("declaredHsCode")}
            hint={t("declaredHsCodeHint")}
            inputMode="decimal"
            maxLength={10}
            value={value.declaredHsCode}
            error={errors.declaredHsCode}
            disabled={disabled}
            onChange={(event) => onChange({ declaredHsCode: event.target.value })}
          />
        </div>
        <TextField
          label={t("concealment")}
          hint={t("concealmentHint")}
          maxLength={500}
          value={value.concealment}
          error={errors.concealment}
          disabled={disabled}
          onChange={(event) => onChange({ concealment: event.target.value })}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t("conveyance")}
            value={value.conveyance}
            error={errors.conveyance}
            disabled={disabled}
            onChange={(event) => onChange({ conveyance: CONVEYANCES.find((c) => c === event.target.value) ?? "" })}
          >
            <option value="">{t("conveyanceUnknown")}</option>
            {CONVEYANCES.map((conveyance) => (
              <option key={conveyance} value={conveyance}>
                {vocab(`conveyance.${conveyance}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("seizingAgency")}
            value={value.seizingAgencyId}
            error={errors.seizingAgencyId}
            disabled={disabled}
            onChange={(event) => onChange({ seizingAgencyId: event.target.value })}
          >
            <OptionsWithCurrent options={options.agencies} value={value.seizingAgencyId} blank={t("agencyNotStated")} />
          </SelectField>
        </div>
        <TextListField
          legend={t("conveyanceIds")}
          hint={t("conveyanceIdsHint")}
          itemLabel={(index) => t("conveyanceIdLabel", { number: index + 1 })}
          values={value.conveyanceIds}
          onChange={(conveyanceIds) => onChange({ conveyanceIds })}
          errors={errors}
          path="conveyanceIds"
          max={20}
          maxLength={60}
          addLabel={t("addConveyanceId")}
          disabled={disabled}
          inputProps={{ spellCheck: false, autoCapitalize: "characters" }}
        />
      </Section>

      <Section title={t("routeTitle")} description={t("routeIntro")}>
        <div className="grid gap-4 md:grid-cols-3">
          {(["originCountries", "transitCountries", "destinationCountries"] as const).map((field) => (
            <MultiSelectField
              key={field}
              label={t(field)}
              options={options.countries}
              values={value[field]}
              onChange={(codes) => onChange({ [field]: codes })}
              error={errorAt(errors, field, true)}
              max={MAX_COUNTRIES}
              disabled={disabled}
            />
          ))}
        </div>
      </Section>
    </>
  );
}

function ItemFields({
  item,
  index,
  canRemove,
  onChange: change,
  onRemove,
}: {
  item: Row<ItemState>;
  index: number;
  canRemove: boolean;
  onChange: (patch: Partial<ItemState>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("noticeForm.seizure");
  const ta = useTranslations("noticeForm.actions");
  const vocab = useTranslations("vocab");
  const { options, errors, disabled } = useNoticeForm();
  const path = `items.${index}`;
  const label = t("itemLabel", { number: index + 1 });
  return (
    <li>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_1fr_1fr]">
          <SelectField
            label={t("substance")}
            value={item.substanceId}
            error={errors[`${path}.substanceId`]}
            disabled={disabled}
            onChange={(event) => change({ substanceId: event.target.value })}
          >
            <option value="">{t("chooseSubstance")}</option>
            <option value={UNIDENTIFIED}>{t("unidentified")}</option>
            <OptionsWithCurrent options={options.substances} value={item.substanceId === UNIDENTIFIED ? "" : item.substanceId} />
          </SelectField>
          <TextField
            label={t("description")}
            hint={t("descriptionHint")}
            maxLength={200}
            value={item.description}
            error={errors[`${path}.description`]}
            disabled={disabled}
            onChange={(event) => change({ description: event.target.value })}
          />
          <TextField
            label={t("quantity")}
            inputMode="decimal"
            required
            maxLength={20}
            value={item.quantity}
            error={errors[`${path}.quantity`]}
            disabled={disabled}
            onChange={(event) => change({ quantity: event.target.value })}
          />
          <SelectField
            label={t("unit")}
            value={item.unit}
            error={errors[`${path}.unit`]}
            disabled={disabled}
            onChange={(event) => change({ unit: QUANTITY_UNITS.find((u) => u === event.target.value) ?? item.unit })}
          >
            {QUANTITY_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {vocab(`unitName.${unit}`)}
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

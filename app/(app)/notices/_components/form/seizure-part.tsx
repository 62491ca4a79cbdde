"use client";

import { useTranslations } from "next-intl";
import { InputField, SelectField, type DynamicField as Field } from "~/app/_components/form/conform";
import { CONVEYANCES, QUANTITY_UNITS } from "~/schemas/notice-enums";
import { SEIZURE_ITEMS_MAX } from "~/schemas/notice-limits";
import { ChoiceField, ChoiceRows, OptionsWithCurrent, RemoveRow, Rows, Section, TextRows } from "./controls";
import { useNoticeForm } from "./form-context";
import { PhoneRows } from "./entity-fields";

const MAX_COUNTRIES = 20;

/** What was seized, how it travelled and where from and to. */
export function SeizurePart() {
  const t = useTranslations("noticeForm.seizure");
  const te = useTranslations("entities.form");
  const vocab = useTranslations("vocab");
  const { form, notice, options } = useNoticeForm();

  return (
    <>
      <Section title={t("itemsTitle")} description={t("itemsIntro")}>
        <Rows form={form} list={notice.items!} legend={t("items")} min={1} max={SEIZURE_ITEMS_MAX} addLabel={t("addItem")} blank={{ unit: "kg" }}>
          {(row, index, canRemove) => <ItemFields key={row.key} item={row} list={notice.items!} index={index} canRemove={canRemove} />}
        </Rows>
      </Section>

      <Section title={t("shipmentTitle")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField field={notice.declaredAs!} label={t("declaredAs")} hint={t("declaredAsHint")} maxLength={200} />
          <InputField field={notice.declaredHsCode!} label={t("declaredHsCode")} hint={t("declaredHsCodeHint")} inputMode="decimal" maxLength={10} />
        </div>
        <InputField field={notice.concealment!} label={t("concealment")} hint={t("concealmentHint")} maxLength={500} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField field={notice.conveyance!} label={t("conveyance")}>
            <option value="">{t("conveyanceUnknown")}</option>
            {CONVEYANCES.map((conveyance) => (
              <option key={conveyance} value={conveyance}>
                {vocab(`conveyance.${conveyance}`)}
              </option>
            ))}
          </SelectField>
          <SelectField field={notice.seizingAgencyId!} label={t("seizingAgency")}>
            <OptionsWithCurrent options={options.agencies} value={String(notice.seizingAgencyId!.initialValue ?? "")} blank={t("agencyNotStated")} />
          </SelectField>
        </div>
        <TextRows
          form={form}
          list={notice.conveyanceIds!}
          legend={t("conveyanceIds")}
          hint={t("conveyanceIdsHint")}
          itemLabel={(index) => t("conveyanceIdLabel", { number: index + 1 })}
          max={20}
          maxLength={60}
          addLabel={t("addConveyanceId")}
          inputProps={{ spellCheck: false, autoCapitalize: "characters" }}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField field={notice.consignor!} label={te("consignor")} hint={te("partyHint")} maxLength={200} />
          <InputField field={notice.consignee!} label={te("consignee")} hint={te("partyHint")} maxLength={200} />
        </div>
        <PhoneRows />
      </Section>

      <Section title={t("routeTitle")} description={t("routeIntro")}>
        <div className="grid gap-4 md:grid-cols-3">
          {(["originCountries", "transitCountries", "destinationCountries"] as const).map((route) => (
            <ChoiceRows
              key={route}
              form={form}
              list={notice[route]!}
              legend={t(route)}
              options={options.countries}
              blank={t("chooseCountry")}
              itemLabel={(index) => t("routeCountryLabel", { route: t(route), number: index + 1 })}
              max={MAX_COUNTRIES}
              addLabel={t("addRouteCountry")}
            />
          ))}
        </div>
      </Section>
    </>
  );
}

function ItemFields({ item, list, index, canRemove }: { item: Field; list: Field; index: number; canRemove: boolean }) {
  const t = useTranslations("noticeForm.seizure");
  const vocab = useTranslations("vocab");
  const { form, options } = useNoticeForm();
  const fields: Record<string, Field> = item.getFieldset();
  const label = t("itemLabel", { number: index + 1 });
  return (
    <li>
      <fieldset id={item.id} className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_1fr_1fr]">
          {/* No substance chosen is an unidentified one: the description says what it looked like. */}
          <ChoiceField field={fields.substanceId!} label={t("substance")} options={options.substances} blank={t("unidentified")} />
          <InputField field={fields.description!} label={t("description")} hint={t("descriptionHint")} maxLength={200} />
          <InputField field={fields.quantity!} label={t("quantity")} inputMode="decimal" required maxLength={20} />
          <SelectField field={fields.unit!} label={t("unit")}>
            {QUANTITY_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {vocab(`unitName.${unit}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {canRemove ? <RemoveRow form={form} list={list} index={index} label={label} className="mt-3" /> : null}
      </fieldset>
    </li>
  );
}

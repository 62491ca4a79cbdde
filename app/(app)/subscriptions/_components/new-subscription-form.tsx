"use client";

import { useTranslations } from "next-intl";
import { DeliverySelect } from "~/app/(app)/_components/delivery-select";
import { Combobox, type ComboOption } from "~/app/_components/combobox";
import { CheckboxGroup, ConformFormMessage, ConformMessage, SelectField, useConformForm, type Field } from "~/app/_components/form/conform";
import { Button, Confirmation } from "~/app/_components/ui";
import { decodeErrors } from "~/schemas/form";
import { COUNTRY_ROLES } from "~/schemas/subscription-enums";
import { createSubscription } from "../actions";

const createSchema = () => import("~/schemas/subscriptions").then((m) => m.ZCreateSubscription);

export type FeedOptions = { crossings: ComboOption[]; substances: ComboOption[]; countries: ComboOption[]; kinds: ComboOption[]; agencies: ComboOption[] };

/** What a list field held when the form came back (one value arrives as a string). */
const valuesOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === "string");

/**
 * A new feed: any combination of crossings, substances, countries, kinds and agencies, each chosen
 * by typing (a plain list of boxes without JavaScript). A POST to a server action either way.
 */
export function NewSubscriptionForm({ options, created }: { options: FeedOptions; created: boolean }) {
  const t = useTranslations("subscriptions");
  const { form, fields, formProps, pending } = useConformForm(createSchema, createSubscription, {
    id: "new-subscription",
    defaultValue: { filter: { countryRole: "any" }, delivery: "daily" },
  });
  const filter = fields.filter.getFieldset();

  const several = (name: Exclude<keyof FeedOptions, "kinds">, field: Field) => (
    <Combobox
      multiple
      key={field.key}
      name={field.name}
      label={t(`create.${name}`)}
      options={options[name]}
      defaultValue={valuesOf(field.initialValue)}
      error={decodeErrors(field.errors)[0]}
    />
  );

  return (
    <form {...formProps} noValidate className="space-y-4" aria-label={t("create.title")}>
      <p className="text-sm text-slate-600">{t("create.hint")}</p>
      <ConformFormMessage form={form} />
      <div className="grid gap-4 sm:grid-cols-2">
        {several("crossings", filter.crossingIds)}
        {several("substances", filter.substanceIds)}
        <div className="space-y-2">
          {several("countries", filter.countryCodes)}
          <SelectField field={filter.countryRole} label={t("create.countryRole")}>
            {COUNTRY_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`countryRole.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {several("agencies", filter.agencyIds)}
        <CheckboxGroup field={filter.kinds} label={t("create.kinds")} options={options.kinds} />
      </div>
      <ConformMessage field={fields.filter} />
      <div className="flex flex-wrap items-center gap-2">
        <DeliverySelect
          key={fields.delivery.key}
          name={fields.delivery.name}
          aria-label={t("deliveryLabel")}
          defaultValue={fields.delivery.initialValue ?? "daily"}
        />
        <Button type="submit" disabled={pending}>
          {t("create.submit")}
        </Button>
        {created ? <Confirmation>{t("create.created")}</Confirmation> : null}
      </div>
    </form>
  );
}

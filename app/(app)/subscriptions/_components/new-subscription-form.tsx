"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DeliverySelect } from "~/app/(app)/_components/delivery-select";
import { FieldMessage, FormMessage, formErrors, noErrors, SelectField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { NoticeKind } from "~/schemas/notice-enums";
import { COUNTRY_ROLES, type CountryRole, type Delivery } from "~/schemas/subscriptions";

export type Option = { id: string; label: string };
export type FeedOptions = { crossings: Option[]; substances: Option[]; countries: Option[]; kinds: Option[]; agencies: Option[] };

const selected = (select: HTMLSelectElement) => [...select.selectedOptions].map((option) => option.value);

/** A new feed: any combination of crossings, substances, countries, kinds and agencies. */
export function NewSubscriptionForm({ options }: { options: FeedOptions }) {
  const t = useTranslations("subscriptions");
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [delivery, setDelivery] = useState<Delivery>("daily");
  const [done, setDone] = useState(false);
  const create = useMutation(trpc.subscriptions.create.mutationOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const field = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
    setDone(false);
    create.mutate(
      {
        filter: {
          crossingIds: selected(field("crossingIds")),
          substanceIds: selected(field("substanceIds")),
          countryCodes: selected(field("countryCodes")),
          countryRole: field("countryRole").value as CountryRole,
          kinds: selected(field("kinds")) as NoticeKind[],
          agencyIds: selected(field("agencyIds")),
        },
        delivery,
      },
      {
        onSuccess: () => {
          setErrors(noErrors);
          setDone(true);
          form.reset();
          router.refresh();
        },
        onError: (error) => setErrors(formErrors(error)),
      },
    );
  }

  const multi = (name: keyof FeedOptions, fieldName: string, list: Option[]) => (
    <SelectField label={t(`create.${name}`)} name={fieldName} multiple size={Math.min(6, list.length)} error={errors.fields[`filter.${fieldName}`]}>
      {list.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={t("create.title")}>
      <p className="text-sm text-slate-600">{t("create.hint")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        {multi("crossings", "crossingIds", options.crossings)}
        {multi("substances", "substanceIds", options.substances)}
        <div>
          {multi("countries", "countryCodes", options.countries)}
          <SelectField label={t("create.countryRole")} name="countryRole" defaultValue="any">
            {COUNTRY_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`countryRole.${role}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {multi("kinds", "kinds", options.kinds)}
        {multi("agencies", "agencyIds", options.agencies)}
      </div>
      <FieldMessage id="subscription-filter-error" error={errors.fields.filter} />
      <div className="flex flex-wrap items-center gap-2">
        <DeliverySelect aria-label={t("deliveryLabel")} value={delivery} onChange={setDelivery} />
        <Button type="submit" disabled={create.isPending}>
          {t("create.submit")}
        </Button>
        {done ? (
          <span role="status" className="text-sm text-green-700">
            {t("create.created")}
          </span>
        ) : null}
      </div>
      <FormMessage message={errors.message} />
    </form>
  );
}

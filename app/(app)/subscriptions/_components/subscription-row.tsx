"use client";

import { useTranslations } from "next-intl";
import { DeliverySelect } from "~/app/(app)/_components/delivery-select";
import { ConformFormMessage, HiddenField, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import type { Delivery } from "~/schemas/subscription-enums";
import { removeSubscription, updateSubscription } from "../actions";

const updateSchema = () => import("~/schemas/subscriptions").then((m) => m.ZUpdateSubscription);
const removeSchema = () => import("~/schemas/subscriptions").then((m) => m.ZSubscriptionId);

/** One subscription or watch: change how it is delivered, or remove it; two POST forms. */
export function SubscriptionControls({ id, delivery, label, saved }: { id: string; delivery: Delivery; label: string; saved: boolean }) {
  const t = useTranslations("subscriptions");
  const update = useConformForm(updateSchema, updateSubscription, { id: `subscription-${id}`, defaultValue: { id, delivery } });
  const remove = useConformForm(removeSchema, removeSubscription, { id: `subscription-${id}-remove`, defaultValue: { id } });
  const busy = update.pending || remove.pending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form {...update.formProps} className="flex flex-wrap items-center gap-2">
        <HiddenField field={update.fields.id} />
        <DeliverySelect
          key={update.fields.delivery.key}
          name={update.fields.delivery.name}
          aria-label={`${t("deliveryLabel")}: ${label}`}
          defaultValue={delivery}
        />
        <Button type="submit" variant="secondary" disabled={busy} aria-label={t("list.saveLabel", { label })}>
          {t("list.save")}
        </Button>
      </form>
      <form {...remove.formProps}>
        <HiddenField field={remove.fields.id} />
        <Button type="submit" variant="secondary" disabled={busy} aria-label={t("list.removeLabel", { label })}>
          {t("list.remove")}
        </Button>
      </form>
      {saved ? (
        <span role="status" className="text-sm text-green-700">
          {t("list.saved")}
        </span>
      ) : null}
      <ConformFormMessage form={update.form} />
      <ConformFormMessage form={remove.form} />
    </div>
  );
}

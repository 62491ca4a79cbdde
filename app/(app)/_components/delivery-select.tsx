"use client";

import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { DELIVERIES, type Delivery } from "~/schemas/subscription-enums";

/**
 * How a subscription is delivered; shared by the subscriptions page, follow and watch controls.
 * Without `value` it is a plain field of its form (named by the caller), for forms that post.
 */
export function DeliverySelect({
  value,
  onChange,
  ...select
}: Omit<ComponentProps<"select">, "value" | "onChange"> & { value?: Delivery; onChange?: (value: Delivery) => void }) {
  const t = useTranslations("subscriptions.delivery");
  return (
    <select
      value={value}
      onChange={onChange ? (event) => onChange(event.target.value as Delivery) : undefined}
      className="min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      {...select}
    >
      {DELIVERIES.map((delivery) => (
        <option key={delivery} value={delivery}>
          {t(delivery)}
        </option>
      ))}
    </select>
  );
}

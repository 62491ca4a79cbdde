"use client";

import { useTranslations } from "next-intl";
import { FormMessage, noErrors } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { Button } from "~/app/_components/ui";
import type { Delivery } from "~/schemas/subscriptions";
import { DeliverySelect } from "./delivery-select";
import { changeFollow } from "./follow-actions";

export type FollowTarget = "crossing" | "substance" | "agency";

/** A POST form, so it works without JavaScript; the page says whether the viewer is subscribed. */
export function FollowForm({ target, id, current }: { target: FollowTarget; id: string; current: { id: string; delivery: Delivery } | null }) {
  const t = useTranslations("subscriptions");
  const { state: errors, formProps, pending } = useFormAction(changeFollow, noErrors);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-2" data-testid="follow">
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      {current ? (
        <>
          <input type="hidden" name="subscriptionId" value={current.id} />
          <span className="text-sm text-slate-700">{t("follow.following", { delivery: t(`delivery.${current.delivery}`) })}</span>
          <Button type="submit" name="intent" value="unfollow" variant="secondary" disabled={pending}>
            {t("follow.unfollow")}
          </Button>
        </>
      ) : (
        <>
          <DeliverySelect aria-label={t("deliveryLabel")} name="delivery" defaultValue="daily" />
          <Button type="submit" name="intent" value="follow" disabled={pending}>
            {t("follow.follow")}
          </Button>
        </>
      )}
      <FormMessage message={errors.message} />
    </form>
  );
}

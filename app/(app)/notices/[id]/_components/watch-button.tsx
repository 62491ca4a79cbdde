"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { DeliverySelect } from "~/app/(app)/_components/delivery-select";
import { FormMessage, noErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import type { Delivery } from "~/schemas/subscriptions";
import { changeWatch } from "../actions";

/**
 * Follow this notice's edits, links and retraction (and moderation decisions on it). A POST form
 * to a server action, so it works without JavaScript; the page says whether the viewer watches.
 */
export function WatchButton({ noticeId, watching }: { noticeId: string; watching: Delivery | null }) {
  const t = useTranslations("subscriptions");
  const deliveries = useTranslations("subscriptions.delivery");
  const [errors, action, busy] = useActionState(changeWatch, noErrors);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" data-testid="watch">
      <input type="hidden" name="noticeId" value={noticeId} />
      {watching ? (
        <>
          <span className="text-sm text-slate-700">{t("watch.watching", { delivery: deliveries(watching) })}</span>
          <Button type="submit" name="intent" value="unwatch" variant="secondary" disabled={busy}>
            {t("watch.unwatch")}
          </Button>
        </>
      ) : (
        <>
          <DeliverySelect aria-label={t("deliveryLabel")} name="delivery" defaultValue="instant" />
          <Button type="submit" name="intent" value="watch" variant="secondary" disabled={busy}>
            {t("watch.watch")}
          </Button>
        </>
      )}
      <FormMessage message={errors.message} />
    </form>
  );
}

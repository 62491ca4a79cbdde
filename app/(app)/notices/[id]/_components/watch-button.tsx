"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DeliverySelect } from "~/app/(app)/_components/delivery-select";
import { FormMessage, formErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { Delivery } from "~/schemas/subscriptions";

/** Follow this notice's edits, links and retraction (and moderation decisions on it). */
export function WatchButton({ noticeId }: { noticeId: string }) {
  const t = useTranslations("subscriptions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery(trpc.subscriptions.watching.queryOptions({ noticeId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.subscriptions.watching.queryKey({ noticeId }) });
  const [delivery, setDelivery] = useState<Delivery>("instant");
  const [message, setMessage] = useState<string | null>(null);
  const onError = (error: unknown) => setMessage(formErrors(error).message ?? "invalid");
  const watch = useMutation(trpc.subscriptions.watch.mutationOptions({ onSuccess: refresh, onError }));
  const unwatch = useMutation(trpc.subscriptions.unwatch.mutationOptions({ onSuccess: refresh, onError }));
  const busy = watch.isPending || unwatch.isPending || state.isPending;
  const watching = state.data?.delivery ?? null;

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="watch">
      {watching ? (
        <>
          <span className="text-sm text-slate-700">{t("watch.watching", { delivery: t(`delivery.${watching}`) })}</span>
          <Button variant="secondary" disabled={busy} onClick={() => unwatch.mutate({ noticeId })}>
            {t("watch.unwatch")}
          </Button>
        </>
      ) : (
        <>
          <DeliverySelect aria-label={t("deliveryLabel")} value={delivery} onChange={setDelivery} />
          <Button variant="secondary" disabled={busy} onClick={() => watch.mutate({ noticeId, delivery })}>
            {t("watch.watch")}
          </Button>
        </>
      )}
      <FormMessage message={message} />
    </div>
  );
}

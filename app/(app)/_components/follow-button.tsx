"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormMessage, formErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { Delivery } from "~/schemas/subscriptions";
import { DeliverySelect } from "./delivery-select";

type Target = "crossing" | "substance" | "agency";

const FILTER_FIELD = { crossing: "crossingIds", substance: "substanceIds", agency: "agencyIds" } as const;

/** "Subscribe" on a crossing's, substance's or agency's page: a feed of exactly that one thing. */
export function FollowButton({ target, id }: { target: Target; id: string }) {
  const t = useTranslations("subscriptions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.subscriptions.forTarget.queryOptions({ target, id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.subscriptions.forTarget.queryKey({ target, id }) });
  const [delivery, setDelivery] = useState<Delivery>("daily");
  const [message, setMessage] = useState<string | null>(null);
  const onError = (error: unknown) => setMessage(formErrors(error).message ?? "invalid");
  const create = useMutation(trpc.subscriptions.create.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.subscriptions.remove.mutationOptions({ onSuccess: refresh, onError }));
  const busy = create.isPending || remove.isPending || current.isPending;

  if (current.data) {
    return (
      <div className="flex flex-wrap items-center gap-2" data-testid="follow">
        <span className="text-sm text-slate-700">{t("follow.following", { delivery: t(`delivery.${current.data.delivery}`) })}</span>
        <Button variant="secondary" disabled={busy} onClick={() => remove.mutate({ id: current.data!.id })}>
          {t("follow.unfollow")}
        </Button>
        <FormMessage message={message} />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="follow">
      <DeliverySelect aria-label={t("deliveryLabel")} value={delivery} onChange={setDelivery} />
      <Button disabled={busy} onClick={() => create.mutate({ filter: { [FILTER_FIELD[target]]: [id] }, delivery })}>
        {t("follow.follow")}
      </Button>
      <FormMessage message={message} />
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DeliverySelect } from "~/app/(app)/_components/delivery-select";
import { FormMessage, formErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import type { Delivery } from "~/schemas/subscriptions";

/** One subscription or watch: change how it is delivered, or remove it. */
export function SubscriptionControls({ id, delivery, label }: { id: string; delivery: Delivery; label: string }) {
  const t = useTranslations("subscriptions");
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const onError = (error: unknown) => setMessage(formErrors(error).message ?? "invalid");
  const update = useMutation(
    trpc.subscriptions.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(trpc.subscriptions.remove.mutationOptions({ onSuccess: () => router.refresh(), onError }));
  return (
    <div className="flex flex-wrap items-center gap-2">
      <DeliverySelect
        aria-label={`${t("deliveryLabel")}: ${label}`}
        value={delivery}
        disabled={update.isPending || remove.isPending}
        onChange={(next) => {
          setSaved(false);
          update.mutate({ id, delivery: next });
        }}
      />
      <Button variant="secondary" disabled={update.isPending || remove.isPending} onClick={() => remove.mutate({ id })}>
        {t("list.remove")}
      </Button>
      {saved ? (
        <span role="status" className="text-sm text-green-700">
          {t("list.saved")}
        </span>
      ) : null}
      <FormMessage message={message} />
    </div>
  );
}

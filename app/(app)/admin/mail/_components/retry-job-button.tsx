"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { FormMessage, formErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";

export function RetryJobButton({ id }: { id: string }) {
  const t = useTranslations("subscriptions.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.mail.retryDeadLetter.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-1">
      <Button onClick={() => retry.mutate({ id })} disabled={retry.isPending || retry.isSuccess} aria-label={t("retryJob", { id })}>
        {t("retry")}
      </Button>
      <FormMessage message={retry.error ? formErrors(retry.error).message : null} />
    </div>
  );
}

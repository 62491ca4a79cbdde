"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { FormMessage, formErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";

export function RunDigestsButton() {
  const t = useTranslations("subscriptions.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(
    trpc.mail.runDigests.mutationOptions({
      // The digests are built by the worker within seconds; show them as they land.
      onSuccess: () => [2000, 5000].forEach((ms) => setTimeout(() => router.refresh(), ms)),
    }),
  );
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">{t("runHint")}</p>
      <Button onClick={() => run.mutate()} disabled={run.isPending}>
        {t("run")}
      </Button>
      {run.data ? (
        <p role="status" className="text-sm text-green-700" data-testid="digests-queued">
          {t("queued", { count: run.data.queued })}
        </p>
      ) : null}
      <FormMessage message={run.error ? formErrors(run.error).message : null} />
    </div>
  );
}

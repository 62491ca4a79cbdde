"use client";

import { useTranslations } from "next-intl";
import { FormMessage, noErrors } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { Button } from "~/app/_components/ui";
import { runDigests } from "../actions";

/** A POST to a server action, so it works without JavaScript; the page then says how many were queued. */
export function RunDigestsButton({ queued }: { queued: number | null }) {
  const t = useTranslations("subscriptions.admin");
  const { state: errors, formProps, pending } = useFormAction(runDigests, noErrors);
  return (
    <form {...formProps} className="space-y-2">
      <p className="text-sm text-slate-600">{t("runHint")}</p>
      <Button type="submit" disabled={pending}>
        {t("run")}
      </Button>
      {queued === null ? null : (
        <p role="status" className="text-sm text-green-700" data-testid="digests-queued">
          {t("queued", { count: queued })}
        </p>
      )}
      <FormMessage message={errors.message} />
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { FormMessage, noErrors } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { Button } from "~/app/_components/ui";
import { retryJob } from "../actions";

export function RetryJobButton({ id }: { id: string }) {
  const t = useTranslations("subscriptions.admin");
  const { state: errors, formProps, pending } = useFormAction(retryJob, noErrors);
  return (
    <form {...formProps} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" disabled={pending} aria-label={t("retryJob", { id })}>
        {t("retry")}
      </Button>
      <FormMessage message={errors.message} />
    </form>
  );
}

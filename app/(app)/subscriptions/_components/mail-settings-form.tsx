"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormMessage, formErrors } from "~/app/_components/form";
import { useTRPC } from "~/app/_trpc/react";

/** Moderation and review messages, switched on or off apart from new-notice alerts. */
export function MailSettingsForm({ moderationEmails }: { moderationEmails: boolean }) {
  const t = useTranslations("subscriptions");
  const trpc = useTRPC();
  const [checked, setChecked] = useState(moderationEmails);
  const [saved, setSaved] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const update = useMutation(
    trpc.subscriptions.updateMailSettings.mutationOptions({
      onSuccess: () => setSaved(true),
      onError: (error) => {
        setChecked(!checked);
        setMessage(formErrors(error).message);
      },
    }),
  );
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={checked}
          disabled={update.isPending}
          onChange={(event) => {
            setSaved(false);
            setChecked(event.target.checked);
            update.mutate({ moderationEmails: event.target.checked });
          }}
        />
        {t("mail.moderation")}
      </label>
      {saved ? (
        <p role="status" className="mt-1 text-sm text-green-700">
          {t("mail.saved")}
        </p>
      ) : null}
      <FormMessage message={message} />
    </div>
  );
}

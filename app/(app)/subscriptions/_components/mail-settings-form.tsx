"use client";

import { useTranslations } from "next-intl";
import { CheckboxField, ConformFormMessage, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import { updateMailSettings } from "../actions";

const mailSettingsSchema = () => import("~/schemas/subscriptions").then((m) => m.ZMailSettingsForm);

/** Moderation and review messages, switched on or off apart from new-notice alerts. */
export function MailSettingsForm({ moderationEmails, saved }: { moderationEmails: boolean; saved: boolean }) {
  const t = useTranslations("subscriptions");
  const { form, fields, formProps, pending } = useConformForm(mailSettingsSchema, updateMailSettings, {
    id: "mail-settings",
    defaultValue: { moderationEmails },
  });
  return (
    <form {...formProps} className="space-y-3">
      <ConformFormMessage form={form} />
      <CheckboxField field={fields.moderationEmails} label={t("mail.moderation")} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("mail.save")}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-green-700">
            {t("mail.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}

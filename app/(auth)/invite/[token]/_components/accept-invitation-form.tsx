"use client";

import { useTranslations } from "next-intl";
import { ConformFormMessage, HiddenField, InputField, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/schemas/password-length";
import { acceptInvitation } from "../actions";

const acceptSchema = () => import("~/schemas/users").then((m) => m.ZInvitationAccept);

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("users.accept");
  const { form, fields, formProps, pending } = useConformForm(acceptSchema, acceptInvitation, { id: "accept-invitation", defaultValue: { token } });

  return (
    <form {...formProps} className="space-y-4">
      <ConformFormMessage form={form} />
      <HiddenField field={fields.token} />
      {/* Lets a password manager file the new password under the right account; not part of the form's data. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <InputField
        field={fields.password}
        label={t("password")}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={t("passwordHint", { min: PASSWORD_MIN })}
      />
      <InputField field={fields.confirmPassword} label={t("confirmPassword")} type="password" autoComplete="new-password" required maxLength={PASSWORD_MAX} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

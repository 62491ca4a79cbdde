"use client";

import { useTranslations } from "next-intl";
import { ConformFormMessage, InputField, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/schemas/password-length";
import { changePassword } from "../actions";

const passwordSchema = () => import("~/schemas/profile").then((m) => m.ZPasswordChange);

export function PasswordForm({ changed }: { changed: boolean }) {
  const t = useTranslations("profile.password");
  const { form, fields, formProps, pending } = useConformForm(passwordSchema, changePassword, { id: "password" });

  return (
    <form {...formProps} className="space-y-4" aria-labelledby="password-title">
      <h2 id="password-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ConformFormMessage form={form} />
      {changed ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800">
          {t("changed")}
        </p>
      ) : null}
      <InputField field={fields.currentPassword} label={t("current")} type="password" required autoComplete="current-password" />
      <InputField
        field={fields.newPassword}
        label={t("new")}
        type="password"
        required
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={t("hint", { min: PASSWORD_MIN })}
      />
      <InputField
        field={fields.confirmPassword}
        label={t("confirm")}
        type="password"
        required
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

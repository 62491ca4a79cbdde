"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/schemas/password";
import type { PasswordChangeInput } from "~/schemas/profile";

const empty: PasswordChangeInput = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function PasswordForm() {
  const t = useTranslations("profile.password");
  const trpc = useTRPC();
  const change = useMutation(trpc.profile.changePassword.mutationOptions());
  const [value, setValue] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [changed, setChanged] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setChanged(false);
    change.mutate(value, {
      onSuccess: () => {
        setErrors(noErrors);
        setValue(empty);
        setChanged(true);
      },
      onError: (error) => setErrors(formErrors(error)),
    });
  }

  const field = (name: keyof PasswordChangeInput) => ({
    name,
    type: "password",
    required: true,
    maxLength: name === "currentPassword" ? undefined : PASSWORD_MAX,
    value: value[name],
    error: errors.fields[name],
    onChange: (event: { target: { value: string } }) => setValue({ ...value, [name]: event.target.value }),
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-labelledby="password-title">
      <h2 id="password-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <FormMessage message={errors.message} />
      {changed ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800">
          {t("changed")}
        </p>
      ) : null}
      <TextField label={t("current")} autoComplete="current-password" {...field("currentPassword")} />
      <TextField label={t("new")} autoComplete="new-password" minLength={PASSWORD_MIN} hint={t("hint", { min: PASSWORD_MIN })} {...field("newPassword")} />
      <TextField label={t("confirm")} autoComplete="new-password" minLength={PASSWORD_MIN} {...field("confirmPassword")} />
      <Button type="submit" disabled={change.isPending}>
        {change.isPending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

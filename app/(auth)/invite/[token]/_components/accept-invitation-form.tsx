"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { Button, TextLink } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/schemas/password";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("users.accept");
  const trpc = useTRPC();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const [password, setPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  function submit(event: FormEvent) {
    event.preventDefault();
    accept.mutate({ token, password, confirmPassword }, { onSuccess: () => setErrors(noErrors), onError: (error) => setErrors(formErrors(error)) });
  }

  if (accept.isSuccess) {
    return (
      <div role="status" className="space-y-3">
        <p className="font-medium text-green-800">{t("doneTitle")}</p>
        <p className="text-sm text-slate-700">{t("done", { email })}</p>
        <TextLink href="/signin">{t("signIn")}</TextLink>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormMessage message={errors.message} />
      {/* Lets a password manager file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={t("passwordHint", { min: PASSWORD_MIN })}
        value={password}
        error={errors.fields.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        label={t("confirmPassword")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX}
        value={confirmPassword}
        error={errors.fields.confirmPassword}
        onChange={(event) => setConfirmPassword(event.target.value)}
      />
      <Button type="submit" disabled={accept.isPending} className="w-full">
        {accept.isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

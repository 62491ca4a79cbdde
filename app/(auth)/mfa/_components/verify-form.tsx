"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";

/** The second step of signing in: a code from the app, or one of the recovery codes. */
export function VerifyForm() {
  const t = useTranslations("security.mfa");
  const router = useRouter();
  const trpc = useTRPC();
  const verify = useMutation(trpc.mfa.verify.mutationOptions());
  const recover = useMutation(trpc.mfa.recover.mutationOptions());
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const pending = verify.isPending || recover.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    const options = {
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
      onError: (error: unknown) => setErrors(formErrors(error)),
    };
    if (recovery) recover.mutate({ code }, options);
    else verify.mutate({ code }, options);
  }

  function switchMode() {
    setRecovery(!recovery);
    setCode("");
    setErrors(noErrors);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormMessage message={errors.message} />
      <TextField
        label={recovery ? t("recoveryCode") : t("code")}
        name="code"
        autoComplete="one-time-code"
        inputMode={recovery ? "text" : "numeric"}
        autoFocus
        required
        value={code}
        error={errors.fields.code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("verifying") : recovery ? t("recover") : t("verify")}
      </Button>
      <button type="button" onClick={switchMode} className="text-sm text-brand-700 underline">
        {recovery ? t("useApp") : t("useRecovery")}
      </button>
    </form>
  );
}

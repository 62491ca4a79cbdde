"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Enrolment, RecoveryCodes } from "~/app/(auth)/mfa/_components/enrolment";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";

type Status = { enrolled: boolean; required: boolean; recoveryCodesLeft: number };

/** Replacing the recovery codes or turning the second factor off, each confirmed by a fresh code. */
function CodeConfirmedActions({ status }: { status: Status }) {
  const t = useTranslations("security.profile");
  const router = useRouter();
  const trpc = useTRPC();
  const regenerate = useMutation(trpc.mfa.regenerateRecoveryCodes.mutationOptions());
  const disable = useMutation(trpc.mfa.disable.mutationOptions());
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const onError = (error: unknown) => setErrors(formErrors(error));

  function submit(event: FormEvent) {
    event.preventDefault();
    regenerate.mutate({ code }, { onSuccess: () => setErrors(noErrors), onError });
  }

  if (regenerate.data) return <RecoveryCodes codes={regenerate.data.recoveryCodes} />;
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <p className="text-sm">{t("recoveryLeft", { count: status.recoveryCodesLeft })}</p>
      <FormMessage message={errors.message} />
      <TextField
        label={t("currentCode")}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        value={code}
        error={errors.fields.code}
        onChange={(event) => setCode(event.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={regenerate.isPending}>
          {t("regenerate")}
        </Button>
        {status.required ? null : (
          <Button
            type="button"
            variant="secondary"
            disabled={disable.isPending}
            onClick={() => disable.mutate({ code }, { onSuccess: () => router.refresh(), onError })}
          >
            {t("disable")}
          </Button>
        )}
      </div>
    </form>
  );
}

function SignOutEverywhere() {
  const t = useTranslations("security.profile");
  const trpc = useTRPC();
  const end = useMutation(trpc.profile.signOutEverywhere.mutationOptions());
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">{t("sessionsTitle")}</h3>
      <p className="text-sm text-slate-600">{t("signOutEverywhereHint")}</p>
      <Button
        type="button"
        variant="secondary"
        disabled={end.isPending}
        // The session is already dead on the server; signing out here clears this browser's cookie.
        onClick={() => end.mutate(undefined, { onSuccess: () => void signOut({ callbackUrl: "/signin" }) })}
      >
        {t("signOutEverywhere")}
      </Button>
    </div>
  );
}

export function SecurityCard({ status }: { status: Status }) {
  const t = useTranslations("security.profile");
  return (
    <section aria-labelledby="security-title" className="space-y-4">
      <h2 id="security-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p data-testid="mfa-status">{status.enrolled ? t("mfaOn") : t("mfaOff")}</p>
      {status.required ? <p className="text-sm text-slate-600">{t("mfaRequired")}</p> : null}
      {status.enrolled ? <CodeConfirmedActions status={status} /> : <Enrolment />}
      <div className="border-t border-slate-200 pt-4">
        <SignOutEverywhere />
      </div>
    </section>
  );
}

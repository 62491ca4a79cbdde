"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("security.mfa");
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">{t("recoveryTitle")}</h3>
      <p className="text-sm text-slate-600">{t("recoveryIntro")}</p>
      <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-1 rounded-md bg-slate-100 p-3 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Enrolling an authenticator app: a new secret as a QR code and as text, then a first code to
 * prove the app holds it, then the recovery codes, shown once. `continueTo` is where to go after.
 */
export function Enrolment({ continueTo }: { continueTo?: string }) {
  const t = useTranslations("security.mfa");
  const router = useRouter();
  const trpc = useTRPC();
  const begin = useMutation(trpc.mfa.beginEnrolment.mutationOptions());
  const confirm = useMutation(trpc.mfa.confirmEnrolment.mutationOptions());
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  function start() {
    setErrors(noErrors);
    begin.mutate(undefined, { onError: (error) => setErrors(formErrors(error)) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate({ code }, { onSuccess: () => setErrors(noErrors), onError: (error) => setErrors(formErrors(error)) });
  }

  function done() {
    if (continueTo) router.replace(continueTo);
    router.refresh();
  }

  if (confirm.data) {
    return (
      <div className="space-y-4">
        <RecoveryCodes codes={confirm.data.recoveryCodes} />
        <Button type="button" onClick={done}>
          {t("continue")}
        </Button>
      </div>
    );
  }
  if (!begin.data) {
    return (
      <div className="space-y-4">
        <FormMessage message={errors.message} />
        <Button type="button" onClick={start} disabled={begin.isPending}>
          {begin.isPending ? t("starting") : t("start")}
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <p className="text-sm text-slate-600">{t("enrolIntro")}</p>
      {/* A data URL drawn on the server: the secret never goes to a third-party QR service. */}
      <img src={begin.data.qr} alt={t("qrAlt")} width={200} height={200} className="mx-auto" />
      <div>
        <p className="text-sm font-medium text-slate-700">{t("secret")}</p>
        <code data-testid="totp-secret" className="block break-all rounded-md bg-slate-100 p-2 font-mono text-sm">
          {begin.data.secret}
        </code>
      </div>
      <FormMessage message={errors.message} />
      <TextField
        label={t("code")}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        value={code}
        error={errors.fields.code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" disabled={confirm.isPending}>
        {confirm.isPending ? t("verifying") : t("confirm")}
      </Button>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { ConformFormMessage, InputField, useConformForm } from "~/app/_components/form/conform";
import { Button, TextLink } from "~/app/_components/ui";
import { ZMfaCode } from "~/schemas/security";
import { enrol } from "../enrolment-actions";

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
 * prove the app holds it, then the recovery codes, shown once. POST forms, so it works without
 * JavaScript; `continueTo` is where to go after.
 */
export function Enrolment({ continueTo = "/profile" }: { continueTo?: string }) {
  const t = useTranslations("security.mfa");
  const { form, fields, formProps, pending, result } = useConformForm(ZMfaCode, enrol, { id: "mfa-enrolment" });

  if (result?.shown) {
    return (
      <div className="space-y-4">
        <RecoveryCodes codes={result.shown} />
        <TextLink href={continueTo}>{t("continue")}</TextLink>
      </div>
    );
  }
  const enrolment = result?.enrolment;
  if (!enrolment) {
    return (
      <form action={formProps.action} className="space-y-4">
        <ConformFormMessage form={form} />
        <input type="hidden" name="step" value="begin" />
        <Button type="submit" disabled={pending}>
          {pending ? t("starting") : t("start")}
        </Button>
      </form>
    );
  }
  return (
    <form {...formProps} className="space-y-4">
      <p className="text-sm text-slate-600">{t("enrolIntro")}</p>
      {/* A data URL drawn on the server: the secret never goes to a third-party QR service. */}
      <img src={enrolment.qr} alt={t("qrAlt")} width={200} height={200} className="mx-auto" />
      <div>
        <p className="text-sm font-medium text-slate-700">{t("secret")}</p>
        <code data-testid="totp-secret" className="block break-all rounded-md bg-slate-100 p-2 font-mono text-sm">
          {enrolment.secret}
        </code>
      </div>
      <ConformFormMessage form={form} />
      <InputField field={fields.code} label={t("code")} autoComplete="one-time-code" inputMode="numeric" required />
      <Button type="submit" disabled={pending}>
        {pending ? t("verifying") : t("confirm")}
      </Button>
    </form>
  );
}

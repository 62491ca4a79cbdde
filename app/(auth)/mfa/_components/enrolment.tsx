"use client";

import { useTranslations } from "next-intl";
import { ConformFormMessage, InputField, useConformForm } from "~/app/_components/form/conform";
import { Button, ButtonLink } from "~/app/_components/ui";
import { confirmEnrolmentCode, startEnrolment } from "../actions";

const startSchema = () => import("~/schemas/security").then((m) => m.ZMfaEnrolmentStart);
const codeSchema = () => import("~/schemas/security").then((m) => m.ZMfaCode);

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
 * prove the app holds it, then the recovery codes, shown once. Two POST forms, so it works without
 * JavaScript: the secret and the codes travel only in the actions' answers. `continueTo` is where
 * to go after; once `enrolled`, it shows only the codes its confirmation returned.
 */
export function Enrolment({ continueTo, enrolled = false }: { continueTo?: string; enrolled?: boolean }) {
  const t = useTranslations("security.mfa");
  const start = useConformForm(startSchema, startEnrolment, { id: "mfa-enrol-start" });
  const confirm = useConformForm(codeSchema, confirmEnrolmentCode, { id: "mfa-enrol-confirm" });
  const codes = confirm.result?.shown;
  const enrolment = confirm.result?.enrolment ?? start.result?.shown;

  if (codes) {
    return (
      <div className="space-y-4">
        <RecoveryCodes codes={codes} />
        {continueTo ? (
          <ButtonLink href={continueTo} replace variant="primary">
            {t("continue")}
          </ButtonLink>
        ) : null}
      </div>
    );
  }
  if (enrolled) return null;
  if (!enrolment) {
    return (
      <form {...start.formProps} className="space-y-4">
        <ConformFormMessage form={start.form} />
        <Button type="submit" disabled={start.pending}>
          {start.pending ? t("starting") : t("start")}
        </Button>
      </form>
    );
  }
  return (
    <form {...confirm.formProps} className="space-y-4">
      <p className="text-sm text-slate-600">{t("enrolIntro")}</p>
      {/* A data URL drawn on the server: the secret never goes to a third-party QR service. */}
      <img src={enrolment.qr} alt={t("qrAlt")} width={200} height={200} className="mx-auto" />
      <div>
        <p className="text-sm font-medium text-slate-700">{t("secret")}</p>
        <code data-testid="totp-secret" className="block break-all rounded-md bg-slate-100 p-2 font-mono text-sm">
          {enrolment.secret}
        </code>
      </div>
      <ConformFormMessage form={confirm.form} />
      <InputField field={confirm.fields.code} label={t("code")} autoComplete="one-time-code" inputMode="numeric" required />
      <Button type="submit" disabled={confirm.pending}>
        {confirm.pending ? t("verifying") : t("confirm")}
      </Button>
    </form>
  );
}

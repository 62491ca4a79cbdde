"use client";

import { useTranslations } from "next-intl";
import { Enrolment, RecoveryCodes } from "~/app/(auth)/mfa/_components/enrolment";
import { FormMessage, noErrors } from "~/app/_components/form";
import { useFormAction } from "~/app/_components/form/use-form-action";
import { ConformFormMessage, InputField, useConformForm } from "~/app/_components/form/conform";
import { Button } from "~/app/_components/ui";
import { confirmWithCode, signOutEverywhere } from "../actions";

const codeConfirmedSchema = () => import("~/schemas/security").then((m) => m.ZMfaCodeConfirmed);

type Status = { enrolled: boolean; required: boolean; recoveryCodesLeft: number };

/** Replacing the recovery codes or turning the second factor off, each confirmed by a fresh code. */
function CodeConfirmedActions({ status }: { status: Status }) {
  const t = useTranslations("security.profile");
  const { form, fields, formProps, pending, result } = useConformForm(codeConfirmedSchema, confirmWithCode, { id: "mfa-code-confirmed" });

  if (result?.shown) return <RecoveryCodes codes={result.shown} />;
  return (
    <form {...formProps} className="space-y-3">
      <p className="text-sm">{t("recoveryLeft", { count: status.recoveryCodesLeft })}</p>
      <ConformFormMessage form={form} />
      <InputField field={fields.code} label={t("currentCode")} autoComplete="one-time-code" inputMode="numeric" />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name={fields.intent.name} value="regenerate" variant="secondary" disabled={pending}>
          {t("regenerate")}
        </Button>
        {status.required ? null : (
          <Button type="submit" name={fields.intent.name} value="disable" variant="secondary" disabled={pending}>
            {t("disable")}
          </Button>
        )}
      </div>
    </form>
  );
}

function SignOutEverywhere() {
  const t = useTranslations("security.profile");
  const { state: errors, formProps, pending } = useFormAction(signOutEverywhere, noErrors);
  return (
    <form {...formProps} className="space-y-2">
      <h3 className="font-semibold">{t("sessionsTitle")}</h3>
      <p className="text-sm text-slate-600">{t("signOutEverywhereHint")}</p>
      <FormMessage message={errors.message} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("signOutEverywhere")}
      </Button>
    </form>
  );
}

export function SecurityCard({ status, done }: { status: Status; done: "mfaOff" | null }) {
  const t = useTranslations("security.profile");
  return (
    <section aria-labelledby="security-title" className="space-y-4">
      <h2 id="security-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p data-testid="mfa-status" role={done ? "status" : undefined}>
        {status.enrolled ? t("mfaOn") : t("mfaOff")}
      </p>
      {status.required ? <p className="text-sm text-slate-600">{t("mfaRequired")}</p> : null}
      {status.enrolled ? <CodeConfirmedActions status={status} /> : null}
      {/* Always in this place: the page drawn again once enrolled keeps the codes it shows once. */}
      <Enrolment enrolled={status.enrolled} />
      <div className="border-t border-slate-200 pt-4">
        <SignOutEverywhere />
      </div>
    </section>
  );
}

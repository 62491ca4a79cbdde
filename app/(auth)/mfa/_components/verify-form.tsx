"use client";

import { useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { useActionState } from "react";
import { FormMessage, noErrors, TextField } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { passSecondFactor } from "../actions";

/**
 * The second step of signing in: a code from the app, or one of the recovery codes. A POST to a
 * server action, so it works without JavaScript; the switch between the two is a link for the same reason.
 */
export function VerifyForm({ recovery, callbackUrl }: { recovery: boolean; callbackUrl: string }) {
  const t = useTranslations("security.mfa");
  const [errors, action, pending] = useActionState(passSecondFactor, noErrors);
  const query = new URLSearchParams({ ...(recovery ? {} : { recovery: "1" }), ...(callbackUrl === "/" ? {} : { callbackUrl }) }).toString();
  return (
    <form action={action} noValidate className="space-y-4">
      <FormMessage message={errors.message} />
      <input type="hidden" name="mode" value={recovery ? "recovery" : "app"} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label={recovery ? t("recoveryCode") : t("code")}
        name="code"
        autoComplete="one-time-code"
        inputMode={recovery ? "text" : "numeric"}
        autoFocus
        required
        error={errors.fields.code}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("verifying") : recovery ? t("recover") : t("verify")}
      </Button>
      <Link href={`/mfa${query ? `?${query}` : ""}`} replace className="block text-sm text-brand-700 underline">
        {recovery ? t("useApp") : t("useRecovery")}
      </Link>
    </form>
  );
}

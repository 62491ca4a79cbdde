"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, TextField } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { signIn, type SignInState } from "../actions";

const initial: SignInState = { error: null, email: "" };

/**
 * A form whose action is a server action, which React renders as method="POST" (it refuses a method
 * of ours beside a function action): without JavaScript the browser posts it and the page comes
 * back signed in or with the message; with JavaScript React posts it in place. Never a GET, so the
 * password never reaches an address, a history entry or a log line.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(signIn, initial);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField label={t("email")} name="email" type="email" autoComplete="username" required defaultValue={state.email} key={state.email} />
      <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}

"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutLink() {
  const t = useTranslations("security.mfa");
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/signin" })} className="text-sm text-slate-600 underline">
      {t("signOut")}
    </button>
  );
}

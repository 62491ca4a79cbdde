"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { forgetUnsavedForms } from "~/app/(app)/notices/_components/form/autosave";

export function SignOutButton() {
  const t = useTranslations("auth");
  return (
    <button type="button" onClick={() => {
        forgetUnsavedForms();
        void signOut({ callbackUrl: "/signin" });
      }} className="rounded-md px-3 py-1.5 text-sm text-white/90 hover:bg-white/10">
      {t("signOut")}
    </button>
  );
}

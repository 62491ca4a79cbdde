import { getTranslations } from "next-intl/server";
import { SignOutForm } from "~/app/_offline/sign-out-form";

export async function SignOutLink() {
  const t = await getTranslations("security.mfa");
  return <SignOutForm className="text-sm text-slate-600 underline">{t("signOut")}</SignOutForm>;
}

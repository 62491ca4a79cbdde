import { getTranslations } from "next-intl/server";
import { SignOutForm } from "~/app/_offline/sign-out-form";

export async function SignOutButton() {
  const t = await getTranslations("auth");
  return <SignOutForm className="rounded-md px-3 py-1.5 text-sm text-white/90 hover:bg-white/10">{t("signOut")}</SignOutForm>;
}

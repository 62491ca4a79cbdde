import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "~/app/_components/locale-switcher";
import { Card } from "~/app/_components/ui";

/**
 * The frame of the pages reached without the app's header (sign-in, second factor, invitation,
 * unsubscribe): the app's name above one card, the language switcher below it. The tagline is for
 * the pages that may be someone's first sight of the app.
 */
export async function PageFrame({ tagline = false, children }: { tagline?: boolean; children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <div className="mb-6 text-center">
        <p className="text-3xl font-semibold text-brand-900">{t("appName")}</p>
        {tagline ? <p className="mt-2 text-sm text-slate-600">{t("tagline")}</p> : null}
      </div>
      <Card>{children}</Card>
      <LocaleSwitcher />
    </main>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALES, type Locale } from "~/i18n/locales";

// Each language is offered in its own name, which reads the same whatever the page's language is.
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский", zh: "中文" };

/** Remembers the language for pages shown before sign-in (the request config reads this cookie). */
function rememberLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
}

export function LocaleSwitcher() {
  const t = useTranslations("profile.preferences");
  const current = useLocale();
  const router = useRouter();
  return (
    <nav aria-label={t("language")} className="mt-6 flex justify-center gap-1 text-sm">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          onClick={() => {
            rememberLocale(locale);
            router.refresh();
          }}
          className="rounded-md px-3 py-1.5 text-slate-600 hover:bg-slate-200 aria-pressed:font-semibold aria-pressed:text-brand-900"
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </nav>
  );
}

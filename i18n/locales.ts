export const LOCALES = ["en", "ru", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Before sign-in (and for the sign-in page) the language comes from this cookie or the browser. */
export const LOCALE_COOKIE = "tianshan.locale";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
export const DEFAULT_TIME_ZONE = "Asia/Almaty";

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The first supported language in an Accept-Language header, by its order of preference. */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { lang: tag.toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The name of a multilingual record in the reader's language, falling back to English. */
export function localized(names: { en: string; ru: string; zh: string | null }, locale: string): string {
  if (locale === "ru") return names.ru;
  if (locale === "zh") return names.zh ?? names.en;
  return names.en;
}


/** The name of a multilingual record in the reader's language, falling back to English. */
export function localized(names: { en: string; ru: string; zh: string | null }, locale: string): string {
  if (locale === "ru") return names.ru;
  if (locale === "zh") return names.zh ?? names.en;
  return names.en;
}

/**
 * Sorts by the label the reader sees, as their language orders it (Intl.Collator): a list by
 * ISO code or by the database's collation reads as unordered in English (Andorra, UAE,
 * Afghanistan) and misplaces Ё in Russian.
 */
export function byLabel<T extends { label: string }>(items: T[], locale: string): T[] {
  const collator = new Intl.Collator(locale);
  return items.toSorted((a, b) => collator.compare(a.label, b.label));
}

/**
 * A free text of the reference data (a note, a schedule, a use, a provision's title) in the
 * reader's language, with the language it is in: English where no translation exists, so the page
 * can mark it with `lang`.
 */
export function localizedText<T extends string | string[]>(
  texts: { en: T | null; ru: T | null; zh: T | null },
  locale: string,
): { text: T | null; lang: string } {
  const translated = locale === "ru" ? texts.ru : locale === "zh" ? texts.zh : null;
  return translated && translated.length > 0 ? { text: translated, lang: locale } : { text: texts.en, lang: "en" };
}

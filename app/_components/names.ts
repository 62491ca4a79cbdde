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

import { localizedText } from "./names";

type Texts = { en: string | null; ru: string | null; zh: string | null };

/** A free text of the reference data in the reader's language (English where it has no translation), marked with its language. */
export function ReferenceText({ texts, locale }: { texts: Texts; locale: string }) {
  const { text, lang } = localizedText(texts, locale);
  return text ? <span lang={lang}>{text}</span> : null;
}

/** Whether any of these texts is shown in English to a reader of another language, for the note that says so. */
export function anyUntranslated(
  locale: string,
  ...texts: { en: string | string[] | null; ru: string | string[] | null; zh: string | string[] | null }[]
): boolean {
  return locale !== "en" && texts.some((t) => t.en !== null && t.en.length > 0 && localizedText(t, locale).lang === "en");
}

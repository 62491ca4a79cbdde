import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { localized } from "~/app/_components/names";

type Names = { en: string; ru: string; zh: string | null };

/** The wording the crossing list and a crossing's page share, in the reader's language. */
export async function crossingLabels() {
  const [t, locale] = await Promise.all([getTranslations("reference"), getLocale()]);
  return {
    name: (names: Names) => localized(names, locale),
    pair: (crossing: { country: Names; neighbor: Names }) =>
      t("pair", { country: localized(crossing.country, locale), neighbor: localized(crossing.neighbor, locale) }),
    kind: (kind: "border_crossing" | "inland_terminal") => t(`kind.${kind}`),
    elevation: (metres: number | null) => (metres === null ? null : t("metres", { value: metres })),
  };
}

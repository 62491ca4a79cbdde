"use client";

import { useLocale, useTranslations } from "next-intl";
import { createContext, useContext, useMemo } from "react";
import { localized } from "~/app/_components/names";
import type { DynamicField as Field, Form } from "~/app/_components/form/conform";
import type { NoticeFormOptions } from "~/server/services/notices/options";

/** A choice in a select or a group of checkboxes, in the reader's language. */
export type Option = { value: string; label: string; group?: string };

/** The form's reference lists, named and sorted for the reader. */
export function useLocalizedOptions(raw: NoticeFormOptions) {
  const locale = useLocale();
  const t = useTranslations("noticeForm");
  return useMemo(() => {
    const collator = new Intl.Collator(locale);
    const byLabel = (a: Option, b: Option) => collator.compare(a.label, b.label);
    // International bodies (UNODC offices, CARICC) belong to no country: they come last.
    const international = t("international");
    const byGroupThenLabel = (a: Option, b: Option) =>
      a.group === b.group
        ? byLabel(a, b)
        : a.group === international
          ? 1
          : b.group === international
            ? -1
            : collator.compare(a.group ?? "", b.group ?? "");
    const countryName = new Map(raw.countries.map((c) => [c.code, localized(c.names, locale)]));
    const nameOf = (code: string | null) => (code ? (countryName.get(code) ?? code) : international);
    const agencies = raw.agencies
      .map((a) => ({ value: a.id, label: `${localized(a.names, locale)} (${a.shortName})`, group: nameOf(a.countryCode) }))
      .sort(byGroupThenLabel);
    return {
      ownAgencyId: raw.ownAgencyId,
      countryName: (code: string) => countryName.get(code) ?? code,
      crossings: raw.crossings.map((c) => ({ value: c.id, label: localized(c.names, locale), group: nameOf(c.countryCode) })).sort(byGroupThenLabel),
      substances: raw.substances
        .map((s) => ({ value: s.id, label: s.cas ? `${localized(s.names, locale)} (CAS ${s.cas})` : localized(s.names, locale) }))
        .sort(byLabel),
      agencies,
      agencyGroups: [...new Set(agencies.map((a) => a.group))],
      memberCountries: raw.memberCountries.map((c) => ({ value: c.code, label: localized(c.names, locale) })).sort(byLabel),
      countries: raw.countries.map((c) => ({ value: c.code, label: localized(c.names, locale) })).sort(byLabel),
      provisions: raw.provisions.map((p) => ({
        value: p.id,
        label: p.article ? `${p.article} — ${p.title}` : p.title,
        group: nameOf(p.countryCode),
        inForce: p.inForce,
      })),
    };
  }, [raw, locale, t]);
}

export type LocalizedOptions = ReturnType<typeof useLocalizedOptions>;

type FormContext = {
  form: Form;
  /** The fields of `notice`, every kind's: a part reads those of its own kind. */
  notice: Record<string, Field>;
  options: LocalizedOptions;
};

const Context = createContext<FormContext | null>(null);
export const NoticeFormProvider = Context.Provider;

export function useNoticeForm() {
  const value = useContext(Context);
  if (!value) throw new Error("notice form parts must be rendered inside NoticeForm");
  return value;
}

import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { localized } from "~/app/_components/names";
import { api } from "~/app/_trpc/server";
import type { NoticeFormOptions } from "~/server/services/notices/options";

/** A choice in a select, a combobox or a group of checkboxes, in the reader's language. */
export type Option = { value: string; label: string; group?: string };

/**
 * The form's reference lists, named in the reader's language and sorted as it orders them. Named
 * here, on the server: each name in three languages was ~34 KB of the form page's payload.
 */
export async function localizedFormOptions() {
  const [raw, locale, t] = await Promise.all([(await api()).notices.formOptions(), getLocale(), getTranslations("noticeForm")]);
  return localize(raw, locale, t("international"));
}

export type LocalizedOptions = Awaited<ReturnType<typeof localizedFormOptions>>;

function localize(raw: NoticeFormOptions, locale: string, international: string) {
  const collator = new Intl.Collator(locale);
  const byLabel = (a: Option, b: Option) => collator.compare(a.label, b.label);
  // International bodies (UNODC offices, CARICC) belong to no country: they come last.
  const byGroupThenLabel = (a: Option, b: Option) =>
    a.group === b.group ? byLabel(a, b) : a.group === international ? 1 : b.group === international ? -1 : collator.compare(a.group ?? "", b.group ?? "");
  const countryName = new Map(raw.countries.map((c) => [c.code, localized(c.names, locale)]));
  const nameOf = (code: string | null) => (code ? (countryName.get(code) ?? code) : international);
  return {
    ownAgencyId: raw.ownAgencyId,
    crossings: raw.crossings.map((c) => ({ value: c.id, label: localized(c.names, locale), group: nameOf(c.countryCode) })).sort(byGroupThenLabel),
    substances: raw.substances
      .map((s) => ({ value: s.id, label: s.cas ? `${localized(s.names, locale)} (CAS ${s.cas})` : localized(s.names, locale) }))
      .sort(byLabel),
    agencies: raw.agencies
      .map((a) => ({ value: a.id, label: `${localized(a.names, locale)} (${a.shortName})`, group: nameOf(a.countryCode) }))
      .sort(byGroupThenLabel),
    memberCountries: raw.memberCountries.map((c) => ({ value: c.code, label: localized(c.names, locale) })).sort(byLabel),
    countries: raw.countries.map((c) => ({ value: c.code, label: countryName.get(c.code)! })).sort(byLabel),
    provisions: raw.provisions.map((p) => ({
      value: p.id,
      label: p.article ? `${p.article} — ${p.title}` : p.title,
      group: nameOf(p.countryCode),
      inForce: p.inForce,
    })),
  };
}

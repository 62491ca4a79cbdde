"use client";

import type { ComponentProps } from "react";
import type { timeZoneOptions } from "~/schemas/profile";
import { isLocale, LOCALES, type Locale } from "~/i18n/locales";
import { SelectField } from "./form";
import { LOCALE_NAMES } from "./locale-switcher";

/**
 * A time zone select with the region's zones first: nearly every user picks one of those, and
 * the full IANA list is long enough to bury them.
 */
export function TimeZoneSelect({
  zones,
  regionalLabel,
  otherLabel,
  ...select
}: {
  zones: ReturnType<typeof timeZoneOptions>;
  regionalLabel: string;
  otherLabel: string;
} & Omit<ComponentProps<typeof SelectField>, "children">) {
  return (
    <SelectField {...select}>
      <optgroup label={regionalLabel}>
        {zones.regional.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </optgroup>
      <optgroup label={otherLabel}>
        {zones.others.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </optgroup>
    </SelectField>
  );
}

/** The interface languages, each named in itself so a reader finds their own. */
export function LocaleSelect({
  onLocale,
  ...select
}: { onLocale: (locale: Locale) => void } & Omit<ComponentProps<typeof SelectField>, "children" | "onChange">) {
  return (
    <SelectField
      {...select}
      onChange={(event) => {
        if (isLocale(event.target.value)) onLocale(event.target.value);
      }}
    >
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </SelectField>
  );
}

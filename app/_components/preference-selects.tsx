"use client";

import type { ComponentProps } from "react";
import type { timeZoneOptions } from "~/schemas/profile";
import { LOCALES } from "~/i18n/locales";
import { SelectField } from "./form/conform";
import { LOCALE_NAMES } from "./locale-switcher";

type SelectProps = Omit<ComponentProps<typeof SelectField>, "children">;

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
} & SelectProps) {
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
export function LocaleSelect(select: SelectProps) {
  return (
    <SelectField {...select}>
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </SelectField>
  );
}

"use client";

import type { ComponentProps } from "react";
import type { timeZoneOptions } from "~/schemas/profile";
import { SelectField } from "./form";

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

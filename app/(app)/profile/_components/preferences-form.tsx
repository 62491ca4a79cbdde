"use client";

import { useTranslations } from "next-intl";
import { ConformFormMessage, InputField, useConformForm } from "~/app/_components/form/conform";
import { LocaleSelect, TimeZoneSelect } from "~/app/_components/preference-selects";
import { Button, Confirmation } from "~/app/_components/ui";
import type { PreferencesInput } from "~/schemas/profile";
import { savePreferences } from "../actions";

const preferencesSchema = () => import("~/schemas/profile").then((m) => m.ZPreferences);

export function PreferencesForm({ initial, zones, saved }: { initial: PreferencesInput; zones: { regional: string[]; others: string[] }; saved: boolean }) {
  const t = useTranslations("profile.preferences");
  const { form, fields, formProps, pending } = useConformForm(preferencesSchema, savePreferences, { id: "preferences", defaultValue: initial });

  return (
    <form {...formProps} className="space-y-4" aria-labelledby="preferences-title">
      <h2 id="preferences-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ConformFormMessage form={form} />
      <InputField field={fields.name} label={t("displayName")} required maxLength={200} autoComplete="name" hint={t("displayNameHint")} />
      <LocaleSelect field={fields.locale} label={t("language")} />
      <TimeZoneSelect
        field={fields.timeZone}
        label={t("timeZone")}
        hint={t("timeZoneHint")}
        zones={zones}
        regionalLabel={t("regionalZones")}
        otherLabel={t("otherZones")}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        {saved ? <Confirmation>{t("saved")}</Confirmation> : null}
      </div>
    </form>
  );
}

"use client";

import { useTimeZone, useTranslations } from "next-intl";
import { InputField, SelectField, TextareaField } from "~/app/_components/form/conform";
import { preloadCombobox } from "~/app/_components/combobox";
import { ChoiceField, Group, OptionsWithCurrent, Section, TextRows } from "./controls";
import { useNoticeForm } from "./form-context";

/** What every notice has: what happened, when and where. */
export function CommonPart() {
  const t = useTranslations("noticeForm.common");
  const { form, notice } = useNoticeForm();
  const timeZone = useTimeZone();
  return (
    <Section title={t("title")}>
      <InputField field={notice.title!} label={t("noticeTitle")} hint={t("noticeTitleHint")} required maxLength={200} />
      <TextareaField field={notice.narrative!} label={t("narrative")} hint={t("narrativeHint")} rows={8} maxLength={20_000} />
      <Group legend={t("when")} className="grid gap-4 sm:grid-cols-2">
        <InputField field={notice.occurredOn!} label={t("date")} type="date" required />
        <InputField field={notice.occurredTime!} label={t("time")} hint={t("timeHint", { zone: timeZone ?? "" })} type="time" />
      </Group>
      <PlaceFields />
      <TextRows
        form={form}
        list={notice.tags!}
        legend={t("tags")}
        hint={t("tagsHint")}
        itemLabel={(index) => t("tagLabel", { number: index + 1 })}
        max={20}
        maxLength={40}
        addLabel={t("addTag")}
      />
    </Section>
  );
}

/** A crossing, or (opened when it was used) a place elsewhere: both work without JavaScript. */
function PlaceFields() {
  const t = useTranslations("noticeForm.place");
  const { notice, options } = useNoticeForm();
  const elsewhere = ["placeText", "countryCode", "latitude", "longitude"].map((name) => notice[name]!);
  return (
    <Group legend={t("legend")}>
      <SelectField field={notice.crossingId!} label={t("crossing")}>
        <OptionsWithCurrent options={options.crossings} value={String(notice.crossingId!.initialValue ?? "")} blank={t("chooseCrossing")} />
      </SelectField>
      <details className="mt-3" open={elsewhere.some((field) => field.initialValue || field.errors)} onToggle={preloadCombobox}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("elsewhere")}</summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <InputField field={notice.placeText!} label={t("placeText")} hint={t("placeTextHint")} maxLength={200} />
          <ChoiceField field={notice.countryCode!} label={t("country")} options={options.countries} blank={t("chooseCountry")} />
          <InputField field={notice.latitude!} label={t("latitude")} hint={t("latitudeHint")} inputMode="decimal" maxLength={20} />
          <InputField field={notice.longitude!} label={t("longitude")} hint={t("longitudeHint")} inputMode="decimal" maxLength={20} />
        </div>
      </details>
    </Group>
  );
}

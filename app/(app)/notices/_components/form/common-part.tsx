"use client";

import { useTimeZone, useTranslations } from "next-intl";
import { SelectField, TextField } from "~/app/_components/form";
import { Group, OptionsWithCurrent, Section, TextAreaField } from "./controls";
import { errorAt, useNoticeForm } from "./form-context";

// Tags are typed as one comma-separated line: room for the schema's 20 tags of 40 characters.
const TAGS_TEXT_MAX = 20 * 42;

/** What every notice has: what happened, when and where. */
export function CommonPart() {
  const t = useTranslations("noticeForm.common");
  const { state, update, errors, disabled } = useNoticeForm();
  const timeZone = useTimeZone();
  return (
    <Section title={t("title")}>
      <TextField
        label={t("noticeTitle")}
        hint={t("noticeTitleHint")}
        required
        maxLength={200}
        value={state.title}
        error={errors.title}
        disabled={disabled}
        onChange={(event) => update({ title: event.target.value })}
      />
      <TextAreaField
        label={t("narrative")}
        hint={t("narrativeHint")}
        rows={8}
        maxLength={20_000}
        value={state.narrative}
        error={errors.narrative}
        disabled={disabled}
        onChange={(event) => update({ narrative: event.target.value })}
      />
      <Group legend={t("when")} className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("date")}
          type="date"
          required
          value={state.occurredOn}
          error={errors.occurredOn}
          disabled={disabled}
          onChange={(event) => update({ occurredOn: event.target.value })}
        />
        <TextField
          label={t("time")}
          hint={t("timeHint", { zone: timeZone ?? "" })}
          type="time"
          value={state.occurredTime}
          error={errors.occurredTime}
          disabled={disabled}
          onChange={(event) => update({ occurredTime: event.target.value })}
        />
      </Group>
      <PlaceFields />
      <TextField
        label={t("tags")}
        hint={t("tagsHint")}
        maxLength={TAGS_TEXT_MAX}
        value={state.tags}
        error={errorAt(errors, "tags", true)}
        disabled={disabled}
        onChange={(event) => update({ tags: event.target.value })}
      />
    </Section>
  );
}

function PlaceFields() {
  const t = useTranslations("noticeForm.place");
  const { state, update, options, errors, disabled } = useNoticeForm();
  const atCrossing = state.placeMode === "crossing";
  return (
    <Group legend={t("legend")} error={errors.crossingId}>
      <div className="mb-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {(["crossing", "other"] as const).map((mode) => (
          <label key={mode} className="flex cursor-pointer items-center gap-2">
            <input type="radio" name="placeMode" checked={state.placeMode === mode} disabled={disabled} onChange={() => update({ placeMode: mode })} />
            {t(`mode.${mode}`)}
          </label>
        ))}
      </div>
      {atCrossing ? (
        <SelectField
          label={t("crossing")}
          value={state.crossingId}
          disabled={disabled}
          aria-invalid={errors.crossingId ? true : undefined}
          onChange={(event) => update({ crossingId: event.target.value })}
        >
          <OptionsWithCurrent options={options.crossings} value={state.crossingId} blank={t("chooseCrossing")} />
        </SelectField>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("placeText")}
            hint={t("placeTextHint")}
            maxLength={200}
            value={state.placeText}
            error={errors.placeText}
            disabled={disabled}
            onChange={(event) => update({ placeText: event.target.value })}
          />
          <SelectField
            label={t("country")}
            value={state.countryCode}
            error={errors.countryCode}
            disabled={disabled}
            onChange={(event) => update({ countryCode: event.target.value })}
          >
            <OptionsWithCurrent options={options.countries} value={state.countryCode} blank={t("chooseCountry")} />
          </SelectField>
          <TextField
            label={t("latitude")}
            hint={t("latitudeHint")}
            inputMode="decimal"
            maxLength={20}
            value={state.latitude}
            error={errors.latitude}
            disabled={disabled}
            onChange={(event) => update({ latitude: event.target.value })}
          />
          <TextField
            label={t("longitude")}
            hint={t("longitudeHint")}
            inputMode="decimal"
            maxLength={20}
            value={state.longitude}
            error={errors.longitude}
            disabled={disabled}
            onChange={(event) => update({ longitude: event.target.value })}
          />
        </div>
      )}
    </Group>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { TLP_LEVELS, type Tlp } from "~/schemas/notice-enums";
import { CheckboxGroup, RadioGroup, Section } from "./controls";
import { useNoticeForm } from "./form-context";
import { RecipientPicker } from "./recipient-picker";

// People are named in an arrest notification: it never goes to the whole community.
const NOT_FOR_ARRESTS: readonly Tlp[] = ["clear", "green"];

/** The TLP marking and who the notice is released to. */
export function MarkingPart() {
  const t = useTranslations("noticeForm.marking");
  const vocab = useTranslations("vocab");
  const { state, update, options, errors, disabled } = useNoticeForm();
  const arrest = state.details.kind === "arrest";
  const releaseAgencies = options.agencies.filter((a) => a.value !== options.ownAgencyId);
  return (
    <Section title={t("title")} description={t("intro")}>
      <RadioGroup<Tlp>
        legend={t("tlp")}
        hint={arrest ? t("arrestHint") : undefined}
        name="tlp"
        value={state.tlp}
        error={errors.tlp}
        disabled={disabled}
        columns=""
        onChange={(tlp) => update({ tlp })}
        choices={TLP_LEVELS.map((tlp) => ({
          value: tlp,
          label: vocab(`tlp.${tlp}`),
          description: vocab(`tlpMeaning.${tlp}`),
          disabled: arrest && NOT_FOR_ARRESTS.includes(tlp),
        }))}
      />
      {state.tlp === "amber" || state.tlp === "amber_strict" ? (
        <CheckboxGroup
          legend={t("releaseAgencies")}
          hint={state.tlp === "amber" ? t("releaseAgenciesHintAmber") : t("releaseAgenciesHintStrict")}
          options={releaseAgencies}
          groups={[...new Set(releaseAgencies.map((a) => a.group))]}
          values={state.releaseAgencyIds}
          error={errors.releaseAgencyIds}
          disabled={disabled}
          onChange={(releaseAgencyIds) => update({ releaseAgencyIds })}
        />
      ) : null}
      {state.tlp === "amber" ? (
        <CheckboxGroup
          legend={t("releaseCountries")}
          hint={t("releaseCountriesHint")}
          options={options.memberCountries}
          values={state.releaseCountryCodes}
          error={errors.releaseCountryCodes}
          disabled={disabled}
          onChange={(releaseCountryCodes) => update({ releaseCountryCodes })}
        />
      ) : null}
      {state.tlp === "red" ? <RecipientPicker /> : null}
    </Section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { CheckboxField, CheckboxGroup, RadioGroup, type DynamicField as Field } from "~/app/_components/form/conform";
import { TLP_LEVELS, type Tlp } from "~/schemas/notice-enums";
import { useScripted } from "~/app/_components/use-scripted";
import { Section } from "./controls";
import { useNoticeForm } from "./form-context";
import { RecipientPicker } from "./recipient-picker";

// People are named in an arrest notification: it never goes to the whole community.
const NOT_FOR_ARRESTS: readonly Tlp[] = ["clear", "green"];

/**
 * The TLP marking and who the notice is released to. With JavaScript only the lists of the chosen
 * marking show; without it all do, each saying which marking it is for (the server sends only those).
 */
export function MarkingPart({ recipientEmails, recipientLabels }: { recipientEmails: Field; recipientLabels: Record<string, string> }) {
  const t = useTranslations("noticeForm.marking");
  const vocab = useTranslations("vocab");
  const { notice, options } = useNoticeForm();
  const scripted = useScripted();
  const arrest = notice.kind!.value === "arrest";
  const tlp = notice.tlp!.value as Tlp | undefined;
  const amber = tlp === "amber" || tlp === "amber_strict";
  const releaseAgencies = options.agencies.filter((a) => a.value !== options.ownAgencyId);
  return (
    <Section title={t("title")} description={t("intro")}>
      <RadioGroup
        field={notice.tlp!}
        label={t("tlp")}
        hint={arrest ? t("arrestHint") : undefined}
        options={TLP_LEVELS.map((level) => ({
          value: level,
          label: vocab(`tlp.${level}`),
          description: vocab(`tlpMeaning.${level}`),
          disabled: arrest && NOT_FOR_ARRESTS.includes(level),
        }))}
      />
      {!scripted || amber ? (
        <CheckboxGroup
          field={notice.releaseAgencyIds!}
          label={t("releaseAgencies")}
          hint={tlp === "amber" ? t("releaseAgenciesHintAmber") : tlp === "amber_strict" ? t("releaseAgenciesHintStrict") : t("releaseAgenciesHintAny")}
          options={releaseAgencies}
        />
      ) : null}
      {!scripted || tlp === "amber" ? (
        <CheckboxGroup
          field={notice.releaseCountryCodes!}
          label={t("releaseCountries")}
          hint={tlp === "amber" ? t("releaseCountriesHint") : t("releaseCountriesHintAny")}
          options={options.memberCountries}
        />
      ) : null}
      {!scripted || tlp === "red" ? <RecipientPicker emails={recipientEmails} labels={recipientLabels} /> : null}
      <CheckboxField field={notice.allowDeconfliction!} label={t("allowDeconfliction")} hint={t("allowDeconflictionHint")} />
    </Section>
  );
}

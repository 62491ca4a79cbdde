"use client";

import { useTranslations } from "next-intl";
import { HANDLING_CODES, INFO_CREDIBILITY, SOURCE_RELIABILITY } from "~/schemas/notice-enums";
import { RadioGroup, Section } from "./controls";
import { useNoticeForm } from "./form-context";

/** The Admiralty grading (source reliability A–F, information credibility 1–6) and the handling code. */
export function GradingPart() {
  const t = useTranslations("noticeForm.grading");
  const vocab = useTranslations("vocab");
  const { state, update, errors, disabled } = useNoticeForm();
  return (
    <Section title={t("title")} description={t("intro")}>
      <div className="grid gap-6 lg:grid-cols-2">
        <RadioGroup
          legend={t("reliability")}
          name="sourceReliability"
          columns=""
          value={state.sourceReliability}
          error={errors.sourceReliability}
          disabled={disabled}
          onChange={(sourceReliability) => update({ sourceReliability })}
          choices={SOURCE_RELIABILITY.map((grade) => ({ value: grade, label: `${grade} — ${vocab(`reliability.${grade}`)}` }))}
        />
        <RadioGroup
          legend={t("credibility")}
          name="infoCredibility"
          columns=""
          value={state.infoCredibility}
          error={errors.infoCredibility}
          disabled={disabled}
          onChange={(infoCredibility) => update({ infoCredibility })}
          choices={INFO_CREDIBILITY.map((grade) => ({ value: String(grade), label: `${grade} — ${vocab(`credibility.${grade}`)}` }))}
        />
      </div>
      <RadioGroup
        legend={t("handling")}
        name="handlingCode"
        columns="lg:grid-cols-3"
        value={state.handlingCode}
        error={errors.handlingCode}
        disabled={disabled}
        onChange={(handlingCode) => update({ handlingCode })}
        choices={HANDLING_CODES.map((code) => ({ value: code, label: vocab(`handling.${code}`), description: vocab(`handlingMeaning.${code}`) }))}
      />
    </Section>
  );
}

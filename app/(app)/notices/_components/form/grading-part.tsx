"use client";

import { useTranslations } from "next-intl";
import { RadioGroup } from "~/app/_components/form/conform";
import { HANDLING_CODES, INFO_CREDIBILITY, SOURCE_RELIABILITY } from "~/schemas/notice-enums";
import { Section } from "./controls";
import { useNoticeForm } from "./form-context";

/** The Admiralty grading (source reliability A–F, information credibility 1–6) and the handling code. */
export function GradingPart() {
  const t = useTranslations("noticeForm.grading");
  const vocab = useTranslations("vocab");
  const { notice } = useNoticeForm();
  return (
    <Section title={t("title")} description={t("intro")}>
      <div className="grid gap-6 lg:grid-cols-2">
        <RadioGroup
          field={notice.sourceReliability!}
          label={t("reliability")}
          options={SOURCE_RELIABILITY.map((grade) => ({ value: grade, label: `${grade} — ${vocab(`reliability.${grade}`)}` }))}
        />
        <RadioGroup
          field={notice.infoCredibility!}
          label={t("credibility")}
          options={INFO_CREDIBILITY.map((grade) => ({ value: String(grade), label: `${grade} — ${vocab(`credibility.${grade}`)}` }))}
        />
      </div>
      <RadioGroup
        field={notice.handlingCode!}
        label={t("handling")}
        options={HANDLING_CODES.map((code) => ({ value: code, label: vocab(`handling.${code}`), description: vocab(`handlingMeaning.${code}`) }))}
      />
    </Section>
  );
}

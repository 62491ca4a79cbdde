"use client";

import { useTranslations } from "next-intl";
import { CheckboxField, ConformFormMessage, HiddenField, InputField, SelectField, useConformForm, type Form } from "~/app/_components/form/conform";
import { Button, Confirmation } from "~/app/_components/ui";
import { CROSSING_COUNTRIES } from "~/schemas/reference-enums";
import { curateCrossing, curateProvision, curateSubstance } from "../reference/actions";

const crossingSchema = () => import("~/schemas/reference").then((m) => m.ZCrossingCurateForm);
const substanceSchema = () => import("~/schemas/reference").then((m) => m.ZSubstanceCurateForm);
const provisionSchema = () => import("~/schemas/reference").then((m) => m.ZProvisionCurateForm);

/** The save button, and the page's word that the last save went through. */
function Save({ pending, saved }: { pending: boolean; saved: boolean }) {
  const t = useTranslations("moderation.curation");
  return (
    <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
      <Button type="submit" disabled={pending}>
        {t("save")}
      </Button>
      {saved ? <Confirmation>{t("saved")}</Confirmation> : null}
    </div>
  );
}

function FormMessageRow({ form }: { form: Form }) {
  return (
    <div className="sm:col-span-2">
      <ConformFormMessage form={form} />
    </div>
  );
}

type Schedule = { en: string | null; ru: string | null; zh: string | null };

/** A crossing's status and schedule, as coordinators keep them current (Kulma: open May–November …), the schedule in the three languages. */
export function CrossingCurationForm({
  id,
  status,
  schedule,
  saved,
}: {
  id: string;
  status: "open" | "seasonal" | "closed";
  schedule: Schedule;
  saved: boolean;
}) {
  const t = useTranslations("moderation.curation");
  const { form, fields, formProps, pending } = useConformForm(crossingSchema, curateCrossing, {
    id: "crossing-curation",
    defaultValue: { id, status, scheduleNote: schedule.en ?? "", scheduleNoteRu: schedule.ru ?? "", scheduleNoteZh: schedule.zh ?? "" },
  });
  return (
    <form {...formProps} className="space-y-3" aria-label={t("crossing")} data-testid="crossing-curation">
      <ConformFormMessage form={form} />
      <HiddenField field={fields.id} />
      <SelectField field={fields.status} label={t("status")}>
        {(["open", "seasonal", "closed"] as const).map((value) => (
          <option key={value} value={value}>
            {t(`statuses.${value}`)}
          </option>
        ))}
      </SelectField>
      <InputField field={fields.scheduleNote} label={t("scheduleNoteEn")} hint={t("scheduleHint")} maxLength={500} lang="en" />
      <InputField field={fields.scheduleNoteRu} label={t("scheduleNoteRu")} maxLength={500} lang="ru" />
      <InputField field={fields.scheduleNoteZh} label={t("scheduleNoteZh")} maxLength={500} lang="zh" />
      <Save pending={pending} saved={saved} />
    </form>
  );
}

/** Adds a substance, or changes one named by its identifier. */
export function SubstanceCurationForm({ saved }: { saved: boolean }) {
  const t = useTranslations("moderation.curation");
  const { form, fields, formProps, pending } = useConformForm(substanceSchema, curateSubstance, {
    id: "substance-curation",
    defaultValue: { conventionTable: "I" },
  });
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2" aria-label={t("substance")}>
      <FormMessageRow form={form} />
      <InputField field={fields.id} label={t("id")} hint={t("idHint")} />
      <SelectField field={fields.conventionTable} label={t("conventionTable")}>
        <option value="I">I</option>
        <option value="II">II</option>
      </SelectField>
      <InputField field={fields.nameEn} label={t("nameEn")} lang="en" />
      <InputField field={fields.nameRu} label={t("nameRu")} lang="ru" />
      <InputField field={fields.nameZh} label={t("nameZh")} lang="zh" />
      <InputField field={fields.aliases} label={t("aliases")} hint={t("aliasesHint")} />
      <InputField field={fields.cas} label={t("cas")} />
      <InputField field={fields.hsCode} label={t("hsCode")} />
      <InputField field={fields.illicitUse} label={t("illicitUse")} lang="en" />
      <InputField field={fields.licitUses} label={t("licitUses")} lang="en" />
      <InputField field={fields.illicitUseRu} label={t("illicitUseRu")} lang="ru" />
      <InputField field={fields.licitUsesRu} label={t("licitUsesRu")} lang="ru" />
      <InputField field={fields.illicitUseZh} label={t("illicitUseZh")} lang="zh" />
      <InputField field={fields.licitUsesZh} label={t("licitUsesZh")} lang="zh" />
      <Save pending={pending} saved={saved} />
    </form>
  );
}

/** Adds a criminal provision, or changes one named by its identifier. */
export function ProvisionCurationForm({ saved }: { saved: boolean }) {
  const t = useTranslations("moderation.curation");
  const { form, fields, formProps, pending } = useConformForm(provisionSchema, curateProvision, {
    id: "provision-curation",
    defaultValue: { countryCode: "KZ", inForce: true },
  });
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2" aria-label={t("provision")}>
      <FormMessageRow form={form} />
      <InputField field={fields.id} label={t("id")} hint={t("idHint")} />
      <SelectField field={fields.countryCode} label={t("country")}>
        {CROSSING_COUNTRIES.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <InputField field={fields.code} label={t("code")} />
      <InputField field={fields.article} label={t("article")} />
      <InputField field={fields.titleEn} label={t("titleEn")} lang="en" />
      <InputField field={fields.penaltySummary} label={t("penaltySummaryEn")} lang="en" />
      <InputField field={fields.titleRu} label={t("titleRu")} lang="ru" />
      <InputField field={fields.penaltySummaryRu} label={t("penaltySummaryRu")} lang="ru" />
      <InputField field={fields.titleZh} label={t("titleZh")} lang="zh" />
      <InputField field={fields.penaltySummaryZh} label={t("penaltySummaryZh")} lang="zh" />
      <CheckboxField field={fields.inForce} label={t("inForce")} />
      <Save pending={pending} saved={saved} />
    </form>
  );
}

"use client";

import { getInputProps } from "@conform-to/react";
import { useTranslations } from "next-intl";
import { ConformFormMessage, ConformMessage, TextareaField, useConformForm } from "~/app/_components/form/conform";
import { inputClass } from "~/app/_components/form/index";
import { Button } from "~/app/_components/ui";
import { SCREENING_FILE_MAX } from "~/schemas/screening";
import { screenDeclaration } from "../actions";
import { ScreeningResultView } from "./screening-result";

const screeningSchema = () => import("~/schemas/screening").then((m) => m.ZScreeningForm);

/**
 * The lines of a declaration, pasted or as a file, posted to the action, which answers with the
 * result (rendered here, with or without JavaScript) and the pasted lines kept for another try.
 */
export function ScreeningForm({ canReport }: { canReport: boolean }) {
  const t = useTranslations("screening");
  const { form, fields, formProps, pending, result } = useConformForm(screeningSchema, screenDeclaration, { id: "screening" });
  const file = fields.file;
  return (
    <div className="space-y-6">
      <form {...formProps} encType="multipart/form-data" className="space-y-4" aria-describedby="screening-not-stored">
        <ConformFormMessage form={form} />
        <TextareaField
          field={fields.text}
          label={t("form.text")}
          hint={t("form.textHint")}
          rows={8}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
        />
        <div>
          <label htmlFor={file.id} className="mb-1 block text-sm font-medium text-slate-700">
            {t("form.file", { max: SCREENING_FILE_MAX / 1024 })}
          </label>
          <input
            {...getInputProps(file, { type: "file", ariaDescribedBy: file.descriptionId })}
            key={file.key}
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="block w-full max-w-full text-sm file:me-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
          <p id={file.descriptionId} className="mt-1 text-xs text-slate-500">
            {t("form.fileHint")}
          </p>
          <ConformMessage field={file} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending} data-testid="screen-submit">
            {pending ? t("form.submitting") : t("form.submit")}
          </Button>
          <p id="screening-not-stored" className="text-xs text-slate-600">
            {t("form.notStored")}
          </p>
        </div>
      </form>
      {result?.screening ? <ScreeningResultView result={result.screening} canReport={canReport} /> : null}
    </div>
  );
}

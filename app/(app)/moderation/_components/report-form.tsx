"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, SelectField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { fieldErrors } from "~/schemas/issues";
import { REPORT_REASONS, type ReportReason } from "~/schemas/moderation-enums";
import { ZReportNotice } from "~/schemas/moderation";
import { TextAreaField } from "../../notices/_components/form/controls";

/** A reader asks UNODC coordinators to look at the notice; what was typed stays if it fails. */
export function ReportForm({ id }: { id: string }) {
  const t = useTranslations("moderation.report");
  const trpc = useTRPC();
  const report = useMutation(trpc.moderation.report.mutationOptions());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>("inaccurate");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sent, setSent] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ZReportNotice.safeParse({ id, reason, note });
    if (!parsed.success) {
      setErrors({ fields: fieldErrors(parsed.error), message: null });
      return;
    }
    report.mutate(parsed.data, {
      onSuccess: () => {
        setErrors(noErrors);
        setSent(true);
        setOpen(false);
      },
      onError: (error) => setErrors(formErrors(error)),
    });
  }

  if (sent) {
    return (
      <p role="status" className="text-sm text-green-800" data-testid="report-sent">
        {t("sent")}
      </p>
    );
  }
  if (!open) {
    return (
      <Button type="button" variant="secondary" aria-expanded={false} onClick={() => setOpen(true)}>
        {t("open")}
      </Button>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={t("label")}>
      <FormMessage message={errors.message} />
      <SelectField label={t("reason")} name="reason" value={reason} error={errors.fields.reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
        {REPORT_REASONS.map((value) => (
          <option key={value} value={value}>
            {t(`reasons.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={t("note")} hint={t("noteHint")} name="note" rows={3} maxLength={1000} value={note} error={errors.fields.note} onChange={(e) => setNote(e.target.value)} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={report.isPending}>
          {report.isPending ? t("sending") : t("send")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FormMessage, noErrors, SelectField, TextAreaField } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import { reportNotice, type ReportState } from "../../notices/[id]/actions";

const initial: ReportState = { ...noErrors, values: null };

/**
 * A reader asks UNODC coordinators to look at the notice; what was typed stays if it fails. It
 * posts to a server action, and opens without JavaScript too: the "open" button is a GET form
 * that reloads the page with the form shown (`opened`); with JavaScript it opens in place.
 */
export function ReportForm({ id, opened, sent }: { id: string; opened: boolean; sent: boolean }) {
  const t = useTranslations("moderation.report");
  const [open, setOpen] = useState(opened);
  const [state, action, pending] = useActionState(reportNotice, initial);

  if (sent && !state.values) {
    return (
      <p role="status" className="text-sm text-green-800" data-testid="report-sent">
        {t("sent")}
      </p>
    );
  }
  if (!open && !state.values) {
    return (
      <form method="get">
        <Button
          type="submit"
          name="report"
          value="open"
          variant="secondary"
          aria-expanded={false}
          onClick={(event) => {
            event.preventDefault();
            setOpen(true);
          }}
        >
          {t("open")}
        </Button>
      </form>
    );
  }
  const values = state.values ?? { reason: "inaccurate", note: "" };
  return (
    <form action={action} noValidate className="space-y-3" aria-label={t("label")} key={JSON.stringify(state.values)}>
      <input type="hidden" name="id" value={id} />
      <FormMessage message={state.message} />
      <SelectField label={t("reason")} name="reason" defaultValue={values.reason} error={state.fields.reason}>
        {REPORT_REASONS.map((value) => (
          <option key={value} value={value}>
            {t(`reasons.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={t("note")} hint={t("noteHint")} name="note" rows={3} maxLength={1000} defaultValue={values.note} error={state.fields.note} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("sending") : t("send")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

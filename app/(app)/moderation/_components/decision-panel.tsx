"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { NoticePicker } from "~/app/(app)/_components/notice-picker";
import { FormMessage, noErrors, SelectField, TextAreaField, TextField } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import type { ModerationDecision } from "~/schemas/moderation";
import { PIN_DAYS_MAX } from "~/schemas/moderation-enums";
import type { NoticeKind, NoticeStatus } from "~/schemas/notice-enums";
import { leaves, STEPS } from "~/schemas/notice-lifecycle";
import { decide, type DecisionState } from "../actions";

export type Redactable = { field: "person" | "owner" | "address" | "narrative" | "placeText"; index: number; label: string };

type Props = {
  id: string;
  kind: NoticeKind;
  status: NoticeStatus;
  pinned: boolean;
  openReports: number;
  redactables: Redactable[];
  done: ModerationDecision | null;
};

// What a duplicate may be when it is merged (moderation/merge.ts): of the same kind, published or waiting for review.

const initial: DecisionState = { ...noErrors, values: null };

/**
 * Every decision a coordinator may take on the notice in its current state, each with the one
 * reason field above them: the author reads that reason in the moderation log. One POST form to a
 * server action, each decision a submit button, so it works without JavaScript.
 */
export function DecisionPanel({ id, kind, status, pinned, openReports, redactables, done }: Props) {
  const t = useTranslations("moderation.decide");
  const [state, action, busy] = useActionState(decide, initial);
  const { fields } = state;
  const values = state.values ?? { reason: "", days: "7", redact: redactables[0] ? `${redactables[0].field}:${redactables[0].index}` : "", duplicateId: "" };

  const decisions = [
    { show: leaves("approve", status), decision: "approve", variant: "primary" as const },
    { show: leaves("requestChanges", status), decision: "requestChanges", variant: "secondary" as const },
    { show: leaves("reject", status), decision: "reject", variant: "danger" as const },
    { show: leaves("retractByModerator", status), decision: "retract", variant: "danger" as const },
    { show: openReports > 0, decision: "dismiss", variant: "secondary" as const },
    { show: pinned, decision: "unpin", variant: "secondary" as const },
  ].filter((d) => d.show);

  return (
    // The key: React resets the form after each submission; fields then show what came back.
    <form action={action} noValidate className="space-y-4" data-testid="decision-panel" key={JSON.stringify(state.values)}>
      <input type="hidden" name="id" value={id} />
      <FormMessage message={state.message} />
      {done && !state.values ? (
        <p role="status" className="text-sm text-green-800" data-testid="decision-done">
          {t(`done.${done}`)}
        </p>
      ) : null}
      <TextAreaField label={t("reason")} hint={t("reasonHint")} name="reason" rows={3} maxLength={1000} defaultValue={values.reason} error={fields.reason} />
      <div className="flex flex-wrap gap-2">
        {decisions.map((d) => (
          <Button key={d.decision} type="submit" name="decision" value={d.decision} variant={d.variant} disabled={busy}>
            {t(d.decision)}
          </Button>
        ))}
      </div>

      {leaves("pin", status) ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("pinLegend")}</legend>
          <TextField label={t("pinDays")} name="days" type="number" min={1} max={PIN_DAYS_MAX} defaultValue={values.days} error={fields.days} />
          <Button type="submit" name="decision" value="pin" variant="secondary" disabled={busy}>
            {t("pin")}
          </Button>
        </fieldset>
      ) : null}

      {redactables.length ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("redactLegend")}</legend>
          <SelectField label={t("redactField")} name="redact" defaultValue={values.redact} error={fields.index}>
            {redactables.map((r) => (
              <option key={`${r.field}:${r.index}`} value={`${r.field}:${r.index}`}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <p className="text-xs text-slate-600">{t("redactHint")}</p>
          <Button type="submit" name="decision" value="redact" variant="danger" disabled={busy}>
            {t("redact")}
          </Button>
        </fieldset>
      ) : null}

      {leaves("pin", status) ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("mergeLegend")}</legend>
          <NoticePicker
            label={t("duplicateId")}
            hint={t("duplicateHint")}
            name="duplicateId"
            exclude={id}
            kind={kind}
            statuses={STEPS.mergeDuplicate.from}
            defaultValue={values.duplicateId}
            error={fields.duplicateId}
          />
          <Button type="submit" name="decision" value="merge" variant="secondary" disabled={busy}>
            {t("merge")}
          </Button>
        </fieldset>
      ) : null}
    </form>
  );
}

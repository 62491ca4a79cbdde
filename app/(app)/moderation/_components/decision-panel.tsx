"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, formErrors, noErrors, SelectField, TextField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { fieldErrors } from "~/schemas/issues";
import { PIN_DAYS_MAX, ZModerationDecision } from "~/schemas/moderation";
import type { NoticeStatus } from "~/schemas/notice-enums";
import { TextAreaField } from "../../notices/_components/form/controls";

export type Redactable = { field: "person" | "owner" | "address" | "narrative" | "placeText"; index: number; label: string };

type Props = { id: string; status: NoticeStatus; pinned: boolean; openReports: number; redactables: Redactable[] };

/**
 * Every decision a coordinator may take on the notice in its current state, each with the one
 * reason field above them: the author reads that reason in the moderation log.
 */
export function DecisionPanel({ id, status, pinned, openReports, redactables }: Props) {
  const t = useTranslations("moderation.decide");
  const router = useRouter();
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [days, setDays] = useState("7");
  const [redact, setRedact] = useState(redactables[0] ? `${redactables[0].field}:${redactables[0].index}` : "");
  const [duplicateId, setDuplicateId] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<string | null>(null);

  const options = (message: string) => ({
    onSuccess: () => {
      setErrors(noErrors);
      setReason("");
      setDone(message);
      router.refresh();
    },
    onError: (error: unknown) => setErrors(formErrors(error)),
  });
  const approve = useMutation(trpc.moderation.approve.mutationOptions(options(t("done.approve"))));
  const requestChanges = useMutation(trpc.moderation.requestChanges.mutationOptions(options(t("done.requestChanges"))));
  const reject = useMutation(trpc.moderation.reject.mutationOptions(options(t("done.reject"))));
  const retract = useMutation(trpc.moderation.retract.mutationOptions(options(t("done.retract"))));
  const dismiss = useMutation(trpc.moderation.dismiss.mutationOptions(options(t("done.dismiss"))));
  const pin = useMutation(trpc.moderation.pin.mutationOptions(options(t("done.pin"))));
  const unpin = useMutation(trpc.moderation.unpin.mutationOptions(options(t("done.unpin"))));
  const redactMutation = useMutation(trpc.moderation.redact.mutationOptions(options(t("done.redact"))));
  const merge = useMutation(trpc.moderation.merge.mutationOptions(options(t("done.merge"))));
  const busy = [approve, requestChanges, reject, retract, dismiss, pin, unpin, redactMutation, merge].some((m) => m.isPending);

  /** The reason is checked here first, with the procedures' own schema, so the message sits next to it. */
  function withReason(run: () => void) {
    const parsed = ZModerationDecision.safeParse({ id, reason });
    if (!parsed.success) {
      setErrors({ fields: fieldErrors(parsed.error), message: null });
      return;
    }
    setDone(null);
    run();
  }

  const [field, index] = redact.split(":") as [Redactable["field"], string];
  const decisions = [
    { show: status === "pending_review", label: t("approve"), run: () => approve.mutate({ id, reason }), variant: "primary" as const },
    { show: status === "pending_review" || status === "published", label: t("requestChanges"), run: () => requestChanges.mutate({ id, reason }), variant: "secondary" as const },
    { show: status === "pending_review" || status === "changes_requested", label: t("reject"), run: () => reject.mutate({ id, reason }), variant: "danger" as const },
    { show: status === "published", label: t("retract"), run: () => retract.mutate({ id, reason }), variant: "danger" as const },
    { show: openReports > 0, label: t("dismiss"), run: () => dismiss.mutate({ id, reason }), variant: "secondary" as const },
    { show: pinned, label: t("unpin"), run: () => unpin.mutate({ id, reason }), variant: "secondary" as const },
  ].filter((d) => d.show);

  return (
    <div className="space-y-4" data-testid="decision-panel">
      <FormMessage message={errors.message} />
      {done ? (
        <p role="status" className="text-sm text-green-800" data-testid="decision-done">
          {done}
        </p>
      ) : null}
      <TextAreaField
        label={t("reason")}
        hint={t("reasonHint")}
        name="reason"
        rows={3}
        maxLength={1000}
        value={reason}
        error={errors.fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        {decisions.map((d) => (
          <Button key={d.label} type="button" variant={d.variant} disabled={busy} onClick={() => withReason(d.run)}>
            {d.label}
          </Button>
        ))}
      </div>

      {status === "published" ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("pinLegend")}</legend>
          <TextField label={t("pinDays")} type="number" min={1} max={PIN_DAYS_MAX} value={days} error={errors.fields.days} onChange={(e) => setDays(e.target.value)} />
          <Button type="button" variant="secondary" disabled={busy} onClick={() => withReason(() => pin.mutate({ id, reason, days: Number(days) }))}>
            {t("pin")}
          </Button>
        </fieldset>
      ) : null}

      {redactables.length ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("redactLegend")}</legend>
          <SelectField label={t("redactField")} name="redact" value={redact} error={errors.fields.index} onChange={(e) => setRedact(e.target.value)}>
            {redactables.map((r) => (
              <option key={`${r.field}:${r.index}`} value={`${r.field}:${r.index}`}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <p className="text-xs text-slate-600">{t("redactHint")}</p>
          <Button
            type="button"
            variant="danger"
            disabled={busy}
            onClick={() => withReason(() => redactMutation.mutate({ id, field, index: Number(index), reason }))}
          >
            {t("redact")}
          </Button>
        </fieldset>
      ) : null}

      {status === "published" ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("mergeLegend")}</legend>
          <TextField
            label={t("duplicateId")}
            hint={t("duplicateHint")}
            name="duplicateId"
            value={duplicateId}
            error={errors.fields.duplicateId}
            onChange={(e) => setDuplicateId(e.target.value.trim())}
          />
          <Button type="button" variant="secondary" disabled={busy} onClick={() => withReason(() => merge.mutate({ id, duplicateId, reason }))}>
            {t("merge")}
          </Button>
        </fieldset>
      ) : null}
    </div>
  );
}

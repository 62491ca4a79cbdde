"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, TextAreaField, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { TRPCReactProvider, useTRPC } from "~/app/_trpc/react";
import { fieldErrors } from "~/schemas/issues";
import { ZRetractNotice } from "~/schemas/notices";

/**
 * Retraction takes a reason (readers see it) and a second, explicit confirmation: it cannot be
 * undone. What was typed stays on screen if the server refuses. Loaded when the reader opens it
 * (notice-actions.tsx), with the tRPC client and zod that only it needs on the notice page.
 */
export function RetractPanel({ id, onClose }: { id: string; onClose: () => void }) {
  return (
    <TRPCReactProvider>
      <RetractForm id={id} onClose={onClose} />
    </TRPCReactProvider>
  );
}

function RetractForm({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useTranslations("notice.actions");
  const router = useRouter();
  const trpc = useTRPC();
  const retract = useMutation(trpc.notices.retract.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const panelId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);

  function proceed(event: FormEvent) {
    event.preventDefault();
    const parsed = ZRetractNotice.safeParse({ id, reason });
    if (!parsed.success) {
      setErrors({ fields: fieldErrors(parsed.error), message: null });
      return;
    }
    setErrors(noErrors);
    setConfirming(true);
    // The confirmation replaces the button that was pressed: keep the keyboard focus with it.
    requestAnimationFrame(() => confirmRef.current?.focus());
  }

  function confirm() {
    retract.mutate(
      { id, reason },
      {
        onSuccess: () => {
          onClose();
          router.refresh();
        },
        onError: (error) => {
          setErrors(formErrors(error));
          setConfirming(false);
        },
      },
    );
  }

  return (
    <form id={panelId} onSubmit={proceed} noValidate className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4">
      <FormMessage message={errors.message} />
      <TextAreaField
        label={t("retractReason")}
        hint={t("retractHint")}
        name="reason"
        rows={3}
        required
        maxLength={1000}
        value={reason}
        error={errors.fields.reason}
        readOnly={confirming}
        autoFocus
        onChange={(event) => setReason(event.target.value)}
      />
      {confirming ? (
        <div className="space-y-3">
          <p id={`${panelId}-confirm`} className="text-sm font-medium text-red-900">
            {t("retractConfirmText")}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              ref={confirmRef}
              type="button"
              variant="danger"
              aria-describedby={`${panelId}-confirm`}
              disabled={retract.isPending}
              onClick={confirm}
            >
              {retract.isPending ? t("retracting") : t("retractConfirm")}
            </Button>
            <Button type="button" variant="secondary" disabled={retract.isPending} onClick={() => setConfirming(false)}>
              {t("back")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger">
            {t("retractContinue")}
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={onClose}
          >
            {t("cancel")}
          </Button>
        </div>
      )}
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { useRouter } from "next/navigation";
import { useActionState, useId, useRef, useState, type FormEvent } from "react";
import { FormMessage, formErrors, noErrors, type FormErrors } from "~/app/_components/form";
import { Button } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { fieldErrors } from "~/schemas/issues";
import { ZRetractNotice } from "~/schemas/notices";
import { TextAreaField } from "../../_components/form/controls";
import { changeStatus } from "../actions";

type Can = { edit: boolean; submit: boolean; release: boolean; retract: boolean };

/**
 * What the viewer may do with the notice: only the actions the server says are open to them.
 * Submitting and releasing post to a server action, so they work without JavaScript; `done`
 * is what the last one did (the page is reached again after it).
 */
export function NoticeActions({ id, can, done }: { id: string; can: Can; done: "submitted" | "released" | null }) {
  const t = useTranslations("notice.actions");
  const [errors, action, busy] = useActionState(changeStatus, noErrors);

  if (!can.edit && !can.submit && !can.release && !can.retract) return null;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap gap-2">
        <input type="hidden" name="id" value={id} />
        {can.edit ? (
          <Link
            href={`/notices/${id}/edit`}
            className="inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t("edit")}
          </Link>
        ) : null}
        {can.submit ? (
          <Button type="submit" name="intent" value="submit" disabled={busy}>
            {t("submit")}
          </Button>
        ) : null}
        {can.release ? (
          <Button type="submit" name="intent" value="release" disabled={busy}>
            {t("release")}
          </Button>
        ) : null}
      </form>
      <FormMessage message={errors.message} />
      {done && !busy ? (
        <p role="status" className="text-sm text-green-800">
          {t(done)}
        </p>
      ) : null}
      {can.retract ? <RetractForm id={id} /> : null}
    </div>
  );
}

/**
 * Retraction takes a reason (readers see it) and a second, explicit confirmation: it cannot be
 * undone. What was typed stays on screen if the server refuses.
 */
function RetractForm({ id }: { id: string }) {
  const t = useTranslations("notice.actions");
  const router = useRouter();
  const trpc = useTRPC();
  const retract = useMutation(trpc.notices.retract.mutationOptions());
  const [open, setOpen] = useState(false);
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
          setErrors(noErrors);
          setOpen(false);
          router.refresh();
        },
        onError: (error) => {
          setErrors(formErrors(error));
          setConfirming(false);
        },
      },
    );
  }

  if (!open) {
    return (
      <Button type="button" variant="danger" aria-expanded={false} onClick={() => setOpen(true)}>
        {t("retract")}
      </Button>
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
            onClick={() => {
              setOpen(false);
              setErrors(noErrors);
            }}
          >
            {t("cancel")}
          </Button>
        </div>
      )}
    </form>
  );
}

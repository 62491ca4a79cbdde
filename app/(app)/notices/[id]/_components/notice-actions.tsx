"use client";

import { useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { useActionState, useId, useState } from "react";
import { FormMessage, noErrors, TextAreaField } from "~/app/_components/form";
import { buttonClass } from "~/app/_components/styles";
import { Button, Confirmation } from "~/app/_components/ui";
import { changeStatus, retractNotice, type RetractState } from "../actions";

type Can = {
  edit: boolean;
  submit: boolean;
  release: boolean;
  retract: boolean;
};

/**
 * What the viewer may do with the notice: only the actions the server says are open to them.
 * Submitting and releasing post to a server action, so they work without JavaScript; `done`
 * is what the last one did (the page is reached again after it).
 */
export function NoticeActions({
  id,
  can,
  done,
  retractOpened,
}: {
  id: string;
  can: Can;
  done: "submitted" | "released" | "retracted" | null;
  retractOpened: boolean;
}) {
  const t = useTranslations("notice.actions");
  const [errors, action, busy] = useActionState(changeStatus, noErrors);

  const changes = can.edit || can.submit || can.release;
  // A retracted notice offers no action any more; the line that says it was retracted still shows.
  if (!changes && !can.retract && !done) return null;
  return (
    <div className="space-y-3">
      {changes ? (
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
      ) : null}
      <FormMessage message={errors.message} />
      {done && !busy ? <Confirmation>{t(done)}</Confirmation> : null}
      {can.retract ? <RetractForm id={id} opened={retractOpened} /> : null}
    </div>
  );
}

const notYetRetracting: RetractState = {
  ...noErrors,
  reason: "",
  confirming: false,
};

/**
 * Retraction takes a reason (readers see it) and asks once more: it cannot be undone. Without
 * JavaScript the "retract" button is a GET form that reloads the page with the form open (`opened`),
 * and each step is a post to the server action; with JavaScript it opens in place and the same
 * posts update it. What was typed stays if the server refuses.
 */
function RetractForm({ id, opened }: { id: string; opened: boolean }) {
  const t = useTranslations("notice.actions");
  const [open, setOpen] = useState(opened);
  const [state, action, pending] = useActionState(retractNotice, notYetRetracting);
  const confirmId = useId();
  if (!open) {
    return (
      <form method="get">
        <Button
          type="submit"
          name="retract"
          value="open"
          variant="danger"
          aria-expanded={false}
          onClick={(event) => {
            event.preventDefault();
            setOpen(true);
          }}
        >
          {t("retract")}
        </Button>
      </form>
    );
  }
  return (
    <form
      action={action}
      noValidate
      className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4"
      data-testid="retract-form"
      key={`${state.confirming}:${state.reason}`}
    >
      <input type="hidden" name="id" value={id} />
      <FormMessage message={state.message} />
      <TextAreaField
        label={t("retractReason")}
        hint={t("retractHint")}
        name="reason"
        rows={3}
        required
        maxLength={1000}
        defaultValue={state.reason}
        error={state.fields.reason}
        readOnly={state.confirming}
        autoFocus={!state.confirming}
      />
      {state.confirming ? (
        <>
          <p id={confirmId} className="text-sm font-medium text-red-900">
            {t("retractConfirmText")}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="intent" value="retract" variant="danger" aria-describedby={confirmId} disabled={pending} autoFocus>
              {pending ? t("retracting") : t("retractConfirm")}
            </Button>
            <Button type="submit" name="intent" value="back" variant="secondary" disabled={pending}>
              {t("back")}
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="intent" value="continue" variant="danger" disabled={pending}>
            {t("retractContinue")}
          </Button>
          <Link
            href={`/notices/${id}`}
            className={buttonClass("secondary")}
            onClick={(event) => {
              event.preventDefault();
              setOpen(false);
            }}
          >
            {t("cancel")}
          </Link>
        </div>
      )}
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { FieldMessage, FormMessage, formErrors, noErrors, type FormErrors } from "~/app/_components/form";
import { Button, TextLink } from "~/app/_components/ui";
import { useTRPC } from "~/app/_trpc/react";
import { queueIfOffline, queueUnanswered } from "~/app/_offline/queue";
import { fieldErrors } from "~/schemas/issues";
import type { NoticeKind } from "~/schemas/notice-enums";
import { ZNoticeInput } from "~/schemas/notices";
import type { NoticeFormOptions } from "~/server/services/notices/options";
import { ArrestPart } from "./arrest-part";
import { newIdempotencyKey, storageKey, useAutosave, type Saved } from "./autosave";
import { CommonPart } from "./common-part";
import { CompanyPart } from "./company-part";
import { NoticeFormProvider, useLocalizedOptions } from "./form-context";
import { blankState, toNoticeInput, type DetailsState, type FormState, type Prefill } from "./form-state";
import { GradingPart } from "./grading-part";
import { MarkingPart } from "./marking-part";
import { SeizurePart } from "./seizure-part";

type Props = { userId: string; kind: NoticeKind; options: NoticeFormOptions } & (
  | { mode: "create"; prefill?: Prefill }
  | { mode: "edit"; noticeId: string; version: number; initial: FormState }
);

/**
 * What a refused or failed submission means for the form. A request that got no answer from the
 * server (no connection, a proxy's error page) is a network failure: the input is kept and the
 * author can simply try again. The create procedure nests the notice under `notice`; the form's
 * fields are named without it.
 */
function submissionErrors(error: unknown): FormErrors {
  if (error instanceof TRPCClientError && !error.data) return { fields: {}, message: "network" };
  const { fields, message } = formErrors(error);
  const own = Object.fromEntries(Object.entries(fields).map(([path, e]) => [path.replace(/^notice\./, ""), e]));
  return Object.keys(own).length ? { fields: own, message: "invalid" } : { fields: {}, message };
}

/** Drops the errors of the fields a change touches: they are judged again at the next submission. */
function withoutErrorsOf(errors: FormErrors, fields: string[]): FormErrors {
  const kept = Object.entries(errors.fields).filter(([path]) => !fields.some((f) => path === f || path.startsWith(`${f}.`)));
  return kept.length === Object.keys(errors.fields).length ? errors : { ...errors, fields: Object.fromEntries(kept) };
}

/**
 * The form of every kind of notice, for writing a new one or editing one. The same zod schema as
 * the server's checks the input before it is sent; what was typed is kept in this browser until
 * the server has it, with the one idempotency key that makes a retried submission a single notice.
 */
export function NoticeForm(props: Props) {
  const t = useTranslations("noticeForm");
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const options = useLocalizedOptions(props.options);
  const { kind, userId } = props;
  const editing = props.mode === "edit" ? props : null;
  const version = editing?.version ?? 0;
  // The starting point of this form instance; "discard" comes back to it.
  const [blank] = useState(() => (editing ? editing.initial : blankState(kind, props.options.ownAgencyId, props.mode === "create" ? props.prefill : undefined)));

  const [state, setState] = useState<FormState>(blank);
  const [dirty, setDirty] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [failures, setFailures] = useState(0);
  const [done, setDone] = useState(false);
  const [restored, setRestored] = useState<{ saved: Saved; stale: boolean } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const autosave = useAutosave({
    key: storageKey(userId, editing ? `edit.${editing.noticeId}` : `new.${kind}`),
    kind,
    blank,
    state,
    // Changes kept from another version wait for the author's decision before anything overwrites them.
    dirty: dirty && !restored?.stale && !done,
    idempotencyKey,
    version,
  });

  useEffect(() => {
    const saved = autosave.found;
    if (!saved) return;
    if (saved.version === version) {
      setState(saved.state);
      setIdempotencyKey(saved.idempotencyKey);
      setDirty(true);
      setRestored({ saved, stale: false });
    } else {
      setRestored({ saved, stale: true });
    }
  }, [autosave.found, version]);

  // After a refused submission, take the author to the first field to fix (or to the message).
  useEffect(() => {
    if (!failures) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled]), [data-field-error]');
    if (first?.matches("input, select, textarea")) first.focus();
    else if (first) {
      first.scrollIntoView({ block: "center" });
      messageRef.current?.focus({ preventScroll: true });
    } else messageRef.current?.focus();
  }, [failures]);

  const create = useMutation(trpc.notices.create.mutationOptions());
  const save = useMutation(trpc.notices.update.mutationOptions());
  const link = useMutation(trpc.notices.link.mutationOptions());
  const pending = create.isPending || save.isPending || link.isPending || done;

  function change(patch: Partial<FormState>) {
    setState((s) => ({ ...s, ...patch }));
    setDirty(true);
    setErrors((e) => withoutErrorsOf(e, Object.keys(patch)));
  }

  function changeDetails(patch: Partial<DetailsState>) {
    setState((s) => ({ ...s, details: { ...s.details, ...patch } as DetailsState }));
    setDirty(true);
    setErrors((e) => withoutErrorsOf(e, Object.keys(patch)));
  }

  function discard() {
    autosave.clear();
    setState(blank);
    setDirty(false);
    setRestored(null);
    setErrors(noErrors);
    if (!editing) setIdempotencyKey(newIdempotencyKey());
  }

  function restoreStale() {
    if (!restored) return;
    setState(restored.saved.state);
    setDirty(true);
    setRestored({ saved: restored.saved, stale: false });
  }

  function refuse(found: FormErrors) {
    setErrors(found);
    setFailures((n) => n + 1);
  }

  function fail(error: unknown) {
    const found = submissionErrors(error);
    // The key was spent on other content: what is in the form now goes out as a new notice next time.
    if (found.message === "idempotencyKeyReused") setIdempotencyKey(newIdempotencyKey());
    refuse(found);
  }

  function succeed(id: string) {
    setDone(true);
    autosave.clear();
    router.push(`/notices/${id}`);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const intent = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
    const parsed = ZNoticeInput.safeParse(toNoticeInput(state));
    if (!parsed.success) {
      refuse({ fields: fieldErrors(parsed.error), message: "invalid" });
      return;
    }
    setErrors(noErrors);
    if (editing) {
      save.mutate({ id: editing.noticeId, version, notice: parsed.data }, { onSuccess: () => succeed(editing.noticeId), onError: fail });
      return;
    }
    const linkIds = state.details.kind === "company_alert" ? state.details.linkIds : [];
    const entry = { userId, idempotencyKey, asDraft: intent === "draft", notice: parsed.data, linkIds };
    if (await queueIfOffline(entry)) return;
    create.mutate(
      { idempotencyKey, asDraft: intent === "draft", notice: parsed.data },
      {
        onSuccess: async ({ id }) => {
          // The notice exists either way; a link that fails can be made from its page.
          await Promise.allSettled(linkIds.map((otherId) => link.mutateAsync({ id, otherId })));
          succeed(id);
        },
        onError: (error) => {
          if (submissionErrors(error).message === "network") void queueUnanswered(entry);
          fail(error);
        },
      },
    );
  }

  // Enter in a text box must not send a notice to other agencies: only the buttons submit.
  function keepEnter(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
  }

  const savedAt = (saved: Saved) => format.dateTime(new Date(saved.savedAt), { dateStyle: "medium", timeStyle: "short" });

  return (
    <NoticeFormProvider value={{ state, update: change, options, errors: errors.fields, disabled: pending }}>
      <form ref={formRef} onSubmit={submit} onKeyDown={keepEnter} noValidate className="space-y-6" aria-describedby="notice-form-intro">
        <p id="notice-form-intro" className="text-sm text-slate-600">
          {t("intro")}
        </p>
        {restored ? (
          <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
            <p className="flex-1">
              {restored.stale ? t("autosave.stale", { time: savedAt(restored.saved) }) : t("autosave.restored", { time: savedAt(restored.saved) })}
            </p>
            {restored.stale ? (
              <Button type="button" variant="secondary" onClick={restoreStale}>
                {t("autosave.restore")}
              </Button>
            ) : null}
            <Button type="button" variant="secondary" onClick={discard} disabled={pending}>
              {t("autosave.discard")}
            </Button>
          </div>
        ) : null}
        <div ref={messageRef} tabIndex={-1} className="space-y-2 outline-none">
          <FormMessage message={errors.message} />
          <FieldMessage id="notice-kind-error" error={errors.fields.kind} />
        </div>

        <CommonPart />
        {state.details.kind === "seizure" ? (
          <SeizurePart value={state.details} onChange={changeDetails} />
        ) : state.details.kind === "company_alert" ? (
          <CompanyPart value={state.details} onChange={changeDetails} noticeId={editing?.noticeId} />
        ) : (
          <ArrestPart value={state.details} onChange={changeDetails} />
        )}
        <MarkingPart />
        <GradingPart />

        <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:flex-wrap sm:items-center">
          {editing ? (
            <>
              <Button type="submit" name="intent" value="save" disabled={pending}>
                {pending ? t("actions.saving") : t("actions.saveChanges")}
              </Button>
              <TextLink href={`/notices/${editing.noticeId}`} className="text-sm sm:ml-2">
                {t("actions.cancel")}
              </TextLink>
            </>
          ) : (
            <>
              <Button type="submit" name="intent" value="publish" disabled={pending}>
                {create.isPending && create.variables?.asDraft === false ? t("actions.publishing") : t("actions.publish")}
              </Button>
              <Button type="submit" name="intent" value="draft" variant="secondary" disabled={pending}>
                {create.isPending && create.variables?.asDraft ? t("actions.savingDraft") : t("actions.saveDraft")}
              </Button>
              <p className="text-xs text-slate-600 sm:flex-1">{t("actions.publishHint")}</p>
            </>
          )}
        </div>
        <p className="text-xs text-slate-500">{t("autosave.note")}</p>
      </form>
    </NoticeFormProvider>
  );
}

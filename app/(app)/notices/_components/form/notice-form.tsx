"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type FocusEvent, type FormEvent, type KeyboardEvent, type PointerEvent } from "react";
import type { z } from "zod";
import {
  ConformFormMessage,
  ErrorSummary,
  HiddenField,
  loadValidator,
  useConformForm,
  type DynamicField as Field,
  type SchemaLoader,
} from "~/app/_components/form/conform";
import { Button, TextLink } from "~/app/_components/ui";
import { prepareOutbox, queueIfOffline, queueUnanswered } from "~/app/_offline/queue";
import { decodeErrors, encodeError, type FormResult } from "~/schemas/form";
import type { NoticeKind } from "~/schemas/notice-enums";
import { createNotice, updateNotice } from "./actions";
import { ArrestPart } from "./arrest-part";
import { newIdempotencyKey, storageKey, useAutosave, type Saved } from "./autosave";
import { CommonPart } from "./common-part";
import { CompanyPart } from "./company-part";
import { NoticeFormProvider } from "./form-context";
import { useLabelOf } from "./field-labels";
import { GradingPart } from "./grading-part";
import { MarkingPart } from "./marking-part";
import type { LocalizedOptions } from "./options";
import { SeizurePart } from "./seizure-part";
import { releasedAsMarked, type NoticeFormDefaults } from "./values";

type Props = {
  userId: string;
  kind: NoticeKind;
  /** Named in the reader's language on the server (options.ts). */
  options: LocalizedOptions;
  /** The form's starting values: a new notice with its idempotency key, or the notice's version being edited. */
  defaultValue: NoticeFormDefaults;
  /** Names of the TLP:RED recipients already chosen (editing). */
  recipientLabels?: Record<string, string>;
} & ({ mode: "create" } | { mode: "edit"; noticeId: string; version: number });

type AnyForm = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

const createSchema = () => import("./schemas").then((m) => m.ZNoticeCreateForm);
const editSchema = () => import("./schemas").then((m) => m.ZNoticeEditForm);

/**
 * Sends a new notice, or keeps it in this device's outbox to be sent later under the same
 * idempotency key (one notice however often it goes out): when the browser is offline at submit
 * (the author is taken to the outbox), or when the post gets no answer (the form keeps its text
 * and says the server could not be reached).
 */
function createOrKeep(userId: string) {
  return async (previous: FormResult | undefined, posted: FormData): Promise<FormResult> => {
    const validate = await loadValidator(createSchema);
    const submission = validate(posted);
    if (submission.status !== "success") return createNotice(previous, posted);
    const { idempotencyKey, asDraft, notice, linkIds } = submission.value;
    const entry = { userId, idempotencyKey, asDraft, notice: releasedAsMarked(notice), linkIds };
    if (await queueIfOffline(entry)) return submission.reply();
    try {
      return await createNotice(previous, posted);
    } catch (error) {
      // A request that got no answer rejects with fetch's TypeError; anything else is the action's own.
      if (!(error instanceof TypeError)) throw error;
      await queueUnanswered(entry);
      return submission.reply({ formErrors: [encodeError({ key: "network" })] });
    }
  };
}

type Touch<E> = (event: E) => void;
type TouchHandlers = {
  onFocus: Touch<FocusEvent<HTMLFormElement>>;
  onInput: Touch<FormEvent<HTMLFormElement>>;
  onPointerDown: Touch<PointerEvent<HTMLFormElement>>;
};

/** The form's touch handlers, which also fetch the outbox's code: a new notice may have to wait there. */
function preparingOutbox<Props extends TouchHandlers>(props: Props): Props {
  const touched =
    <E,>(handler: Touch<E>) =>
    (event: E) => {
      void prepareOutbox();
      handler(event);
    };
  return { ...props, onFocus: touched(props.onFocus), onInput: touched(props.onInput), onPointerDown: touched(props.onPointerDown) };
}

// Enter in a text box must not send a notice to other agencies: only the buttons submit.
function keepEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
}

/**
 * The form of every kind of notice, for writing a new one or editing one: a POST to a server
 * action that works without JavaScript, enhanced with it (checked in the browser with the same
 * schema, sent without a reload, kept in this browser until the server has it).
 */
export function NoticeForm(props: Props) {
  const t = useTranslations("noticeForm");
  const editing = props.mode === "edit" ? props : null;
  const version = editing?.version ?? 0;
  // The server renders the form with the server action itself, so that it posts without
  // JavaScript; in the browser a new notice goes by the outbox when it cannot be sent.
  const keeping = useMemo(() => createOrKeep(props.userId), [props.userId]);
  const create = typeof window === "undefined" ? createNotice : keeping;
  const { form, fields, formProps, pending, result } = useConformForm(
    (editing ? editSchema : createSchema) as unknown as SchemaLoader<AnyForm>,
    editing ? updateNotice : create,
    { id: "notice-form", defaultValue: props.defaultValue, onSubmit },
  );
  const all = fields as unknown as Record<string, Field>;
  const notice: Record<string, Field> = all.notice!.getFieldset();
  const [restored, setRestored] = useState<{ saved: Saved; stale: boolean } | null>(null);
  // The key of a notice already sent with other content is replaced, so that what is in the form
  // now goes out as a new notice.
  const [renewedKey, setRenewedKey] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const autosave = useAutosave({
    key: storageKey(props.userId, editing ? `edit.${editing.noticeId}` : `new.${props.kind}`),
    kind: props.kind,
    value: form.value,
    // Changes kept from another version wait for the author's decision before anything overwrites them.
    dirty: form.dirty && !restored?.stale,
    version,
  });

  useEffect(() => {
    const saved = autosave.found;
    if (!saved) return;
    const stale = saved.version !== version;
    if (!stale) form.update({ value: saved.value });
    setRestored({ saved, stale });
    // Once per saved copy found: `form` changes with every keystroke.
  }, [autosave.found, version]);

  // A refusal from the server: the author is taken to what it says.
  useEffect(() => {
    if (result?.status !== "error") return;
    messageRef.current?.focus();
    if (decodeErrors(result.error?.[""] ?? undefined).some((e) => e.key === "idempotencyKeyReused")) setRenewedKey(newIdempotencyKey());
  }, [result]);

  /**
   * A valid notice about to be sent. This is the one place a browser that cannot send it now
   * (offline) may keep it instead, with its idempotency key: `event.preventDefault()` stops the post.
   */
  function onSubmit(_event: FormEvent<HTMLFormElement>, { submission }: { submission?: { status?: string } }) {
    if (submission?.status === "success") autosave.clear();
  }

  function discard() {
    autosave.clear();
    form.reset();
    setRestored(null);
  }

  function restoreStale() {
    if (!restored) return;
    form.update({ value: restored.saved.value });
    setRestored({ saved: restored.saved, stale: false });
  }

  const labelOf = useLabelOf();

  return (
    <NoticeFormProvider value={{ form, notice, options: props.options }}>
      <form {...(editing ? formProps : preparingOutbox(formProps))} onKeyDown={keepEnter} className="space-y-6" aria-describedby="notice-form-intro">
        <p id="notice-form-intro" className="text-sm text-slate-600">
          {t("intro")}
        </p>
        {restored ? <RestoredBanner restored={restored} pending={pending} onRestore={restoreStale} onDiscard={discard} /> : null}
        <div ref={messageRef} tabIndex={-1} className="space-y-2 outline-none">
          <ConformFormMessage form={form} />
          <ErrorSummary form={form} title={t("summary.title", { count: Object.keys(form.allErrors).filter((name) => name !== "").length })} labelOf={labelOf} />
        </div>
        <IdentityFields all={all} editing={Boolean(editing)} renewedKey={renewedKey} />
        <HiddenField field={notice.kind!} />

        <CommonPart />
        {props.kind === "seizure" ? (
          <SeizurePart />
        ) : props.kind === "company_alert" ? (
          <CompanyPart noticeId={editing?.noticeId} linkIds={editing ? undefined : all.linkIds} />
        ) : (
          <ArrestPart />
        )}
        <MarkingPart recipientEmails={all.recipientEmails!} recipientLabels={props.recipientLabels ?? {}} />
        <GradingPart />

        <FormActions noticeId={editing?.noticeId} asDraftName={all.asDraft!.name} pending={pending} />
        <p className="text-xs text-slate-500">{t("autosave.note")}</p>
      </form>
    </NoticeFormProvider>
  );
}

/** A copy kept in this browser was put back (or, from another version, waits to be). */
function RestoredBanner({
  restored,
  pending,
  onRestore,
  onDiscard,
}: {
  restored: { saved: Saved; stale: boolean };
  pending: boolean;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("noticeForm");
  const format = useFormatter();
  const savedAt = (saved: Saved) => format.dateTime(new Date(saved.savedAt), { dateStyle: "medium", timeStyle: "short" });
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
      <p className="flex-1">
        {restored.stale ? t("autosave.stale", { time: savedAt(restored.saved) }) : t("autosave.restored", { time: savedAt(restored.saved) })}
      </p>
      {restored.stale ? (
        <Button type="button" variant="secondary" onClick={onRestore}>
          {t("autosave.restore")}
        </Button>
      ) : null}
      <Button type="button" variant="secondary" onClick={onDiscard} disabled={pending}>
        {t("autosave.discard")}
      </Button>
    </div>
  );
}

/** Which notice the post is: the edited one and its version, or a new one's idempotency key. */
function IdentityFields({ all, editing, renewedKey }: { all: Record<string, Field>; editing: boolean; renewedKey: string | null }) {
  return editing ? (
    <>
      <HiddenField field={all.id!} />
      <HiddenField field={all.version!} />
    </>
  ) : renewedKey ? (
    <input type="hidden" name={all.idempotencyKey!.name} value={renewedKey} />
  ) : (
    <HiddenField field={all.idempotencyKey!} />
  );
}

/** Save an edit (or cancel it), or publish a new notice (or keep it as a draft). */
function FormActions({ noticeId, asDraftName, pending }: { noticeId: string | undefined; asDraftName: string; pending: boolean }) {
  const t = useTranslations("noticeForm");
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:flex-wrap sm:items-center">
      {noticeId ? (
        <>
          <Button type="submit" disabled={pending}>
            {pending ? t("actions.saving") : t("actions.saveChanges")}
          </Button>
          <TextLink href={`/notices/${noticeId}`} className="text-sm sm:ml-2">
            {t("actions.cancel")}
          </TextLink>
        </>
      ) : (
        <>
          <Button type="submit" disabled={pending}>
            {pending ? t("actions.publishing") : t("actions.publish")}
          </Button>
          <Button type="submit" name={asDraftName} value="on" variant="secondary" disabled={pending}>
            {t("actions.saveDraft")}
          </Button>
          <p className="text-xs text-slate-600 sm:flex-1">{t("actions.publishHint")}</p>
        </>
      )}
    </div>
  );
}

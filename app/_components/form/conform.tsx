"use client";

import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  parse,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, useTransition, type ComponentProps, type FocusEvent, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { decodeErrors, encodeError, type FormResult } from "~/schemas/form";
import type { FieldError } from "~/schemas/issues";
import type { parseForm } from "~/schemas/parse-form";
import { inputClass } from "./index";
import { refusalKey } from "./use-form-action";

// Every form of the app: one server action (it works without JavaScript and redirects after
// success), Conform's state (values, errors, repeated rows), and the same parse in the browser,
// loaded once the reader starts on the form.

type Shape = Record<string, unknown>;
// Any field of any form: the components below only read its name, id, value and errors.
export type Field = FieldMetadata<any, any, string[]>;
export type Form = FormMetadata<any, string[]>;
/** A field of a form whose shape is known only at run time (a union of kinds): its parts, untyped. */
export type DynamicField = Field & { getFieldset: () => Record<string, DynamicField>; getFieldList: () => DynamicField[] };

/**
 * A form's schema, imported when it is first needed: `() => import("~/schemas/users").then((m) => m.ZUserInvite)`,
 * declared once per module so that every form using it shares one fetch.
 */
export type SchemaLoader<Schema extends z.ZodType> = () => Promise<Schema>;
type Submission<Schema extends z.ZodType> = ReturnType<typeof parseForm<Schema>>;
type Validator<Schema extends z.ZodType> = (form: FormData) => Submission<Schema>;
type SubmitContext<Schema extends z.ZodType> = { formData: FormData; submission: Submission<Schema> | undefined };

// zod, Conform's adapter and the schemas are most of a form's script, and the server checks every
// post anyway: the browser fetches them once per schema, when a form using it is first touched.
const validators = new WeakMap<SchemaLoader<z.ZodType>, Promise<Validator<z.ZodType>>>();

/** The browser's parse of a form with the schema `load` brings (as the server parses it). */
export function loadValidator<Schema extends z.ZodType>(load: SchemaLoader<Schema>): Promise<Validator<Schema>> {
  let validator = validators.get(load);
  if (!validator) {
    validator = Promise.all([load(), import("~/schemas/parse-form")]).then(
      ([schema, { parseForm }]) =>
        (form: FormData) =>
          parseForm(form, schema),
    );
    // A failed fetch (offline) is tried again at the next touch.
    validator.catch(() => validators.delete(load));
    validators.set(load, validator);
  }
  return validator as Promise<Validator<Schema>>;
}

// Until the schema is here, a row added or removed (or values restored) is applied in the browser
// as before, unchecked; a submit goes to the server action, which checks it (`error: null` is
// Conform's "not validated here").
const unchecked = <Schema extends z.ZodType>(form: FormData) =>
  parse(form, { resolve: (_value, intent) => ({ error: intent ? {} : null }) }) as Submission<Schema>;

/** Conform's reply to a post the server never took up: what was typed, and why, as the form's message. */
const refused = <Result extends FormResult>(form: FormData, key: string) =>
  parse(form, { resolve: () => ({ error: { "": [encodeError({ key })] } }) }).reply() as Result;

/** The name of the form's own field an event came from (as Conform tells them), or "". */
function fieldName(target: EventTarget, formId: string): string {
  const field = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  return field && target.form?.id === formId ? target.name : "";
}

/**
 * A Conform form bound to its server action. Once the reader touches the form it validates in the
 * browser with the schema the server uses (first on leaving a field, then as it is retyped) and
 * shows the server's answer (lastResult) when it comes back. `onSubmit` sees the submission,
 * validated if the schema had arrived, before it is sent: `event.preventDefault()` there sends it
 * another way. Without JavaScript the form posts to `action` as any HTML form.
 */
export function useConformForm<Schema extends z.ZodType<Shape, Shape>, Result extends FormResult = FormResult>(
  schema: SchemaLoader<Schema>,
  action: (previous: Result | undefined, form: FormData) => Promise<Result>,
  options: {
    id: string;
    defaultValue?: DefaultValue<z.input<Schema>>;
    onSubmit?: (event: FormEvent<HTMLFormElement>, context: SubmitContext<Schema>) => void;
  },
) {
  const t = useTranslations("errors");
  // Without JavaScript (or before it runs) the browser posts to the action and `posted` is its
  // answer; with it, the post is sent from `onSubmit` and `answer` is what came back.
  const [posted, formAction, posting] = useActionState(action, undefined);
  const [answer, setAnswer] = useState<Result | undefined>(undefined);
  const [sending, startSending] = useTransition();
  const lastResult = answer ?? posted;
  const [validate, setValidate] = useState<Validator<Schema> | null>(null);
  // Fields left before the schema arrived, checked as soon as it does.
  const leftEarly = useRef(new Set<string>());
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue,
    ...(validate
      ? { shouldValidate: "onBlur", shouldRevalidate: "onInput", onValidate: ({ formData }) => validate(formData) }
      : { onValidate: ({ formData }) => unchecked<Schema>(formData) }),
    // With JavaScript the post is sent from here, not by the form's `action`: React resets a form
    // after its action, which would empty every field a refusal should keep; and a post refused
    // before the action ran (429) or never answered (a dropped link) is said at the form, with
    // every value kept, where the action alone would throw it to the error page.
    onSubmit: (event, context) => {
      const submission = validate ? (context.submission as Submission<Schema>) : undefined;
      options.onSubmit?.(event, { formData: context.formData, submission });
      if (event.defaultPrevented) return;
      event.preventDefault();
      const formData = context.formData;
      startSending(async () => {
        try {
          const next = await action(lastResult, formData);
          startSending(() => setAnswer(next));
        } catch (error) {
          const key = refusalKey(error, t.has);
          if (key === null) throw error;
          startSending(() => setAnswer(refused<Result>(formData, key)));
        }
      });
    },
  });

  useEffect(() => {
    if (!validate) return;
    for (const name of leftEarly.current) form.validate({ name });
    leftEarly.current.clear();
    // Once, when the schema arrives: `form` changes with every keystroke.
  }, [validate]);

  const touched = () => {
    if (!validate)
      void loadValidator(schema).then(
        (validator) => setValidate(() => validator),
        () => undefined,
      );
  };
  const left = (event: FocusEvent<HTMLFormElement>) => {
    const name = validate ? "" : fieldName(event.target, options.id);
    if (name) leftEarly.current.add(name);
  };
  return {
    form,
    fields,
    formProps: { ...getFormProps(form), action: formAction, onFocus: touched, onInput: touched, onPointerDown: touched, onBlur: left },
    pending: posting || sending,
    result: lastResult,
  };
}

function Message({ error }: { error: FieldError }) {
  const t = useTranslations("validation");
  return <>{t.has(error.key) ? t(error.key, error.values) : t("invalid")}</>;
}

/** The message of one field, under it; the id its control names in aria-describedby. */
export function ConformMessage({ field }: { field: Field }) {
  const [error] = decodeErrors(field.errors);
  if (!error) return null;
  return (
    <p id={field.errorId} className="mt-1 text-sm text-red-700" data-field-error>
      <Message error={error} />
    </p>
  );
}

/** The form's own message (a key of `errors`, as a service refusal; else of `validation`). */
export function ConformFormMessage({ form }: { form: Form }) {
  const t = useTranslations("errors");
  const [error] = decodeErrors(form.errors);
  if (!error) return null;
  return (
    <div id={form.errorId} role="alert" data-form-error className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {t.has(error.key) ? t(error.key) : <Message error={error} />}
    </div>
  );
}

/**
 * Every problem of the form at its top, each a link to its field, so a long form posted without
 * JavaScript says at once what to fix. `labelOf` names a field by its Conform name.
 */
export function ErrorSummary({ form, title, labelOf }: { form: Form; title: ReactNode; labelOf: (name: string) => ReactNode }) {
  const problems = Object.entries(form.allErrors).filter(([name, errors]) => name !== "" && errors.length > 0);
  if (problems.length === 0) return null;
  return (
    <div data-error-summary className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800" aria-labelledby={`${form.id}-summary`}>
      <h2 id={`${form.id}-summary`} className="font-semibold">
        {title}
      </h2>
      <ul className="mt-1 list-disc ps-5">
        {problems.map(([name, errors]) => (
          <li key={name}>
            <a className="underline" href={`#${form.id}-${name}`}>
              {labelOf(name)}: <Message error={decodeErrors(errors)[0]!} />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type Labelled = { field: Field; label: ReactNode; hint?: ReactNode };

/** Under a control: its hint (named by aria-describedby) and its message. */
function FieldNotes({ field, hint }: { field: Field; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={field.descriptionId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ConformMessage field={field} />
    </>
  );
}

function Frame({ field, label, hint, children }: Labelled & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      <FieldNotes field={field} hint={hint} />
    </div>
  );
}

const described = (field: Field, hint: ReactNode) => ({ ariaDescribedBy: hint ? field.descriptionId : undefined });

type Own<T extends "input" | "select" | "textarea"> = Omit<ComponentProps<T>, "name" | "id" | "form" | "defaultValue" | "value">;

export function InputField({ field, label, hint, type = "text", ...rest }: Labelled & Own<"input">) {
  return (
    <Frame field={field} label={label} hint={hint}>
      {/* dir="auto": what is typed runs in its own direction (Russian, Chinese, or an Arabic name). */}
      <input dir="auto" className={inputClass} {...rest} {...getInputProps(field, { type: type as "text", ...described(field, hint) })} key={field.key} />
    </Frame>
  );
}

export function TextareaField({ field, label, hint, ...rest }: Labelled & Own<"textarea">) {
  return (
    <Frame field={field} label={label} hint={hint}>
      <textarea dir="auto" className={inputClass} {...rest} {...getTextareaProps(field, described(field, hint))} key={field.key} />
    </Frame>
  );
}

export function SelectField({ field, label, hint, children, ...rest }: Labelled & Own<"select">) {
  return (
    <Frame field={field} label={label} hint={hint}>
      <select className={inputClass} {...rest} {...getSelectProps(field, described(field, hint))} key={field.key}>
        {children}
      </select>
    </Frame>
  );
}

/** One checkbox for a yes/no field (posted as "on"). */
export function CheckboxField({ field, label, hint }: Labelled) {
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input {...getInputProps(field, { type: "checkbox", ...described(field, hint) })} key={field.key} />
        {label}
      </label>
      <FieldNotes field={field} hint={hint} />
    </div>
  );
}

/** A choice of a checkbox or radio group: a label, maybe a line under it, maybe a sub-heading (`group`) it sits under. */
export type Choice = { value: string; label: ReactNode; description?: ReactNode; group?: string; disabled?: boolean };

/**
 * A group of checkboxes (a list field) or radios (one value), in a fieldset with its legend; the
 * choices under their sub-headings when they have a `group`.
 */
function ChoiceGroup({
  field,
  label,
  hint,
  options: choices,
  type,
  className = "",
}: Labelled & { options: readonly Choice[]; type: "checkbox" | "radio"; className?: string }) {
  const props = new Map(getCollectionProps(field, { type, options: choices.map((choice) => choice.value), ariaAttributes: false }).map((p) => [p.value, p]));
  const describedBy = [hint ? field.descriptionId : "", field.errors ? field.errorId : ""].join(" ").trim() || undefined;
  const box = (choice: Choice) => {
    const { key, ...input } = props.get(choice.value)!;
    return (
      <label key={key} className={`flex gap-2 py-1 text-sm ${choice.disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer"}`}>
        <input {...input} disabled={choice.disabled} aria-invalid={field.errors ? true : undefined} className="mt-0.5" />
        <span>
          <span className="text-slate-900">{choice.label}</span>
          {choice.description ? <span className="block text-xs text-slate-600">{choice.description}</span> : null}
        </span>
      </label>
    );
  };
  const groups = [...new Set(choices.map((choice) => choice.group).filter((group) => group !== undefined))];
  return (
    <fieldset id={field.id} className={`min-w-0 ${className}`} aria-describedby={describedBy}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{label}</legend>
      {hint ? (
        <p id={field.descriptionId} className="mb-2 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {groups.length ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {groups.map((group) => (
            <div key={group}>
              <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group}</p>
              {choices.filter((choice) => choice.group === group).map(box)}
            </div>
          ))}
        </div>
      ) : (
        <div className="grid gap-x-4 sm:grid-cols-2">{choices.map(box)}</div>
      )}
      <ConformMessage field={field} />
    </fieldset>
  );
}

/** A list field as checkboxes, one per choice. */
export function CheckboxGroup(props: Labelled & { options: readonly Choice[]; className?: string }) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

/** One value out of a few, as radios. */
export function RadioGroup(props: Labelled & { options: readonly Choice[]; className?: string }) {
  return <ChoiceGroup {...props} type="radio" />;
}

/**
 * A value the form carries without showing it (an id, a version, an idempotency key). It follows
 * the form's value: React rewrites a hidden input's default on every render, which would undo a
 * value set since (a restored copy, a renewed key).
 */
export function HiddenField({ field }: { field: Field }) {
  const value = field.value ?? field.initialValue;
  return <input {...getInputProps(field, { type: "hidden", value: false })} value={typeof value === "string" ? value : ""} />;
}

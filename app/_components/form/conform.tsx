"use client";

import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { useTranslations } from "next-intl";
import { useActionState, type ComponentProps, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { decodeErrors, parseForm, type FormAction } from "~/schemas/form";
import type { FieldError } from "~/schemas/issues";
import { inputClass } from "./index";

// Every form of the app: one server action (it works without JavaScript and redirects after
// success), Conform's state (values, errors, repeated rows), and the same parse in the browser.

type Shape = Record<string, unknown>;
// Any field of any form: the components below only read its name, id, value and errors.
export type Field = FieldMetadata<any, any, string[]>;
export type Form = FormMetadata<any, string[]>;

type SubmitContext<Schema extends z.ZodType> = { formData: FormData; submission: ReturnType<typeof parseForm<Schema>> | undefined };

/**
 * A Conform form bound to its server action. Validates in the browser with the schema the server
 * uses (first on leaving a field, then as it is retyped) and shows the server's answer (lastResult)
 * when it comes back. `onSubmit` sees a valid submission before it is sent: `event.preventDefault()`
 * there sends it another way.
 */
export function useConformForm<Schema extends z.ZodType<Shape, Shape>>(
  schema: Schema,
  action: FormAction,
  options: {
    id: string;
    defaultValue?: DefaultValue<z.input<Schema>>;
    onSubmit?: (event: FormEvent<HTMLFormElement>, context: SubmitContext<Schema>) => void;
  },
) {
  const [lastResult, formAction, pending] = useActionState(action, undefined);
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, schema),
    onSubmit: options.onSubmit
      ? (event, context) => options.onSubmit?.(event, { formData: context.formData, submission: context.submission as SubmitContext<Schema>["submission"] })
      : undefined,
  });
  return { form, fields, formProps: { ...getFormProps(form), action: formAction }, pending };
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

function Frame({ field, label, hint, children }: Labelled & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={field.descriptionId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ConformMessage field={field} />
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
      {hint ? (
        <p id={field.descriptionId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ConformMessage field={field} />
    </div>
  );
}

/** A list field as checkboxes, one per option (a fieldset with its legend). */
export function CheckboxGroup({ field, label, hint, options }: Labelled & { options: readonly { value: string; label: ReactNode }[] }) {
  const labels = new Map(options.map((option) => [option.value, option.label]));
  return (
    <fieldset aria-describedby={field.errors ? field.errorId : undefined}>
      <legend className="mb-1 block text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {getCollectionProps(field, { type: "checkbox", options: options.map((option) => option.value), ariaAttributes: false }).map(({ key, ...props }) => (
          <label key={key} className="flex items-center gap-2 text-sm text-slate-700">
            <input {...props} />
            {labels.get(props.value)}
          </label>
        ))}
      </div>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <ConformMessage field={field} />
    </fieldset>
  );
}

/** A value the form carries without showing it (an id, a version, an idempotency key). */
export function HiddenField({ field }: { field: Field }) {
  return <input {...getInputProps(field, { type: "hidden" })} key={field.key} />;
}

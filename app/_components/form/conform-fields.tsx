"use client";

import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import { decodeErrors } from "~/schemas/form";
import type { FieldError } from "~/schemas/issues";
import type { Field, Form } from "./conform";
import { inputClass } from "./index";

// The parts of a Conform form that read its fields (conform.tsx): each control with its label,
// hint and message wired for screen readers, the form's own message and its summary of errors.

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

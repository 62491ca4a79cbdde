"use client";

import { useTranslations } from "next-intl";
import { Fragment, useEffect, useId, useState, type ComponentProps, type ReactNode } from "react";
import { FieldMessage } from "~/app/_components/form";
import type { FieldError } from "~/schemas/issues";
import type { Option } from "./form-context";
import { nextKey } from "./form-state";

// Form controls the notice form needs beyond app/_components/form.tsx: groups with a legend,
// text areas, radio and checkbox groups, repeatable lists and multi-choice lists. Every control
// is a native element with a label, so keyboards, screen readers and phones work as usual.

/** `value`, once it has stopped changing for `ms`: lookups while typing wait for a pause. */
export function useDebounced<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600 disabled:bg-slate-50";

/** One part of the form: a card whose fields are grouped under a legend. */
export function Section({ title, description, children }: { title: ReactNode; description?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <legend className="float-left mb-1 w-full text-lg font-semibold text-brand-900">{title}</legend>
      {description ? <p className="clear-both text-sm text-slate-600">{description}</p> : <div className="clear-both" />}
      {children}
    </fieldset>
  );
}

/** A group of related fields under a legend, with one error and hint for the group. */
export function Group({
  legend,
  hint,
  error,
  children,
  className = "",
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset className={`min-w-0 ${className}`} aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mb-2 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldMessage id={`${id}-error`} error={error} />
    </fieldset>
  );
}

export function TextAreaField({ label, error, hint, ...textarea }: { label: ReactNode; error?: FieldError; hint?: ReactNode } & ComponentProps<"textarea">) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} dir="auto" aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...textarea} />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldMessage id={`${id}-error`} error={error} />
    </div>
  );
}

export type Choice<T extends string> = { value: T; label: ReactNode; description?: ReactNode; disabled?: boolean };

export function RadioGroup<T extends string>({
  legend,
  hint,
  name,
  choices,
  value,
  onChange,
  error,
  disabled,
  columns = "sm:grid-cols-2",
}: {
  legend: ReactNode;
  hint?: ReactNode;
  name: string;
  choices: Choice<T>[];
  value: T | "";
  onChange: (value: T) => void;
  error?: FieldError;
  disabled?: boolean;
  columns?: string;
}) {
  return (
    <Group legend={legend} hint={hint} error={error}>
      <div className={`grid grid-cols-1 gap-2 ${columns}`}>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className={`flex gap-2 rounded-md border p-2 text-sm ${
              value === choice.value ? "border-brand-600 bg-brand-50" : "border-slate-200"
            } ${choice.disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer"}`}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              disabled={disabled || choice.disabled}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(choice.value)}
              className="mt-0.5"
            />
            <span>
              <span className="font-medium text-slate-900">{choice.label}</span>
              {choice.description ? <span className="block text-xs text-slate-600">{choice.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </Group>
  );
}

function toggled(values: string[], value: string, on: boolean): string[] {
  return on ? (values.includes(value) ? values : [...values, value]) : values.filter((v) => v !== value);
}

/** Checkboxes, optionally under sub-headings (`groups` in order, each option's `group`). */
export function CheckboxGroup({
  legend,
  hint,
  options,
  groups,
  groupLabel,
  values,
  onChange,
  error,
  disabled,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  options: (Option & { note?: ReactNode })[];
  groups?: string[];
  groupLabel?: (group: string) => ReactNode;
  values: string[];
  onChange: (values: string[]) => void;
  error?: FieldError;
  disabled?: boolean;
}) {
  const box = (option: Option & { note?: ReactNode }) => (
    <label key={option.value} className="flex cursor-pointer items-start gap-2 py-1 text-sm">
      <input
        type="checkbox"
        value={option.value}
        checked={values.includes(option.value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(toggled(values, option.value, event.target.checked))}
        className="mt-0.5"
      />
      <span>
        {option.label}
        {option.note ? <span className="ml-1 text-xs text-slate-500">{option.note}</span> : null}
      </span>
    </label>
  );
  return (
    <Group legend={legend} hint={hint} error={error}>
      {groups ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {groups.map((group) => (
            <div key={group}>
              <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{groupLabel ? groupLabel(group) : group}</p>
              {options.filter((o) => (o.group ?? "") === group).map(box)}
            </div>
          ))}
        </div>
      ) : (
        <div className="grid gap-x-4 sm:grid-cols-2">{options.map(box)}</div>
      )}
    </Group>
  );
}

export function SmallButton({ className = "", ...props }: ComponentProps<"button">) {
  return (
    <button
      type="button"
      className={`inline-flex min-h-9 items-center rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-60 ${className}`}
      {...props}
    />
  );
}

/**
 * Rows of several fields each (seized items, arrested persons, company names), added up to `max`
 * and removed down to one. Rows are identified by key, not position, so removing one does not
 * hand its neighbours' typed text or focus to another row.
 */
export function RepeatableRows<T extends { key: string }>({
  legend,
  hint,
  error,
  rows,
  onChange,
  max,
  blank,
  addLabel,
  disabled,
  listClassName = "space-y-4",
  renderRow,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  rows: T[];
  onChange: (rows: T[]) => void;
  max: number;
  blank: (key: string) => T;
  addLabel: ReactNode;
  disabled?: boolean;
  listClassName?: string;
  renderRow: (row: {
    row: T;
    index: number;
    canRemove: boolean;
    onChange: (patch: Partial<T>) => void;
    onRemove: () => void;
  }) => ReactNode;
}) {
  return (
    <Group legend={legend} hint={hint} error={error}>
      <ol className={listClassName}>
        {rows.map((row, index) => (
          <Fragment key={row.key}>
            {renderRow({
              row,
              index,
              canRemove: rows.length > 1,
              onChange: (patch) => onChange(rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r))),
              onRemove: () => onChange(rows.filter((r) => r.key !== row.key)),
            })}
          </Fragment>
        ))}
      </ol>
      {rows.length < max ? (
        <SmallButton className="mt-3" disabled={disabled} onClick={() => onChange([...rows, blank(nextKey(rows))])}>
          {addLabel}
        </SmallButton>
      ) : null}
    </Group>
  );
}

/**
 * A list of short texts (registration numbers, owners, plates): one input per entry, entries
 * added and removed with buttons. Each entry shows its own error ("owners.2").
 */
export function TextListField({
  legend,
  hint,
  itemLabel,
  values,
  onChange,
  errors,
  path,
  max,
  maxLength,
  addLabel,
  disabled,
  inputProps,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  itemLabel: (index: number) => string;
  values: string[];
  onChange: (values: string[]) => void;
  errors: Record<string, FieldError>;
  path: string;
  max: number;
  maxLength: number;
  addLabel: ReactNode;
  disabled?: boolean;
  inputProps?: ComponentProps<"input">;
}) {
  const t = useTranslations("noticeForm.actions");
  const id = useId();
  return (
    <Group legend={legend} hint={hint} error={errors[path]}>
      <ul className="space-y-2">
        {values.map((value, index) => (
          <li key={index} className="flex items-start gap-2">
            <div className="min-w-0 flex-1">
              <input
                aria-label={itemLabel(index)}
                aria-invalid={errors[`${path}.${index}`] ? true : undefined}
                aria-describedby={errors[`${path}.${index}`] ? `${id}-${index}-error` : undefined}
                className={inputClass}
                value={value}
                maxLength={maxLength}
                disabled={disabled}
                onChange={(event) => onChange(values.map((v, i) => (i === index ? event.target.value : v)))}
                {...inputProps}
              />
              <FieldMessage id={`${id}-${index}-error`} error={errors[`${path}.${index}`]} />
            </div>
            <SmallButton disabled={disabled} aria-label={t("removeNamed", { name: itemLabel(index) })} onClick={() => onChange(values.filter((_, i) => i !== index))}>
              {t("remove")}
            </SmallButton>
          </li>
        ))}
      </ul>
      {values.length < max ? (
        <SmallButton className="mt-2" disabled={disabled} onClick={() => onChange([...values, ""])}>
          {addLabel}
        </SmallButton>
      ) : null}
    </Group>
  );
}

/**
 * Several choices from a long list (countries): the chosen ones as removable chips, and a
 * select to add one more. Lighter than hundreds of checkboxes, and native on a phone.
 */
export function MultiSelectField({
  label,
  hint,
  options,
  values,
  onChange,
  error,
  max,
  disabled,
}: {
  label: ReactNode;
  hint?: ReactNode;
  options: Option[];
  values: string[];
  onChange: (values: string[]) => void;
  error?: FieldError;
  max: number;
  disabled?: boolean;
}) {
  const t = useTranslations("noticeForm.actions");
  const id = useId();
  const labelOf = new Map(options.map((o) => [o.value, o.label]));
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {values.length ? (
        <ul className="mb-2 flex flex-wrap gap-2" aria-label={t("chosen")}>
          {values.map((value) => (
            <li key={value} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm">
              {labelOf.get(value) ?? value}
              <button
                type="button"
                disabled={disabled}
                className="inline-flex size-7 items-center justify-center rounded-full text-slate-600 hover:bg-slate-200"
                aria-label={t("removeNamed", { name: labelOf.get(value) ?? value })}
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <select
        id={id}
        value=""
        disabled={disabled || values.length >= max}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
        onChange={(event) => {
          if (event.target.value) onChange([...values, event.target.value]);
        }}
      >
        <option value="">{t("addChoice")}</option>
        {options
          .filter((o) => !values.includes(o.value))
          .map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldMessage id={`${id}-error`} error={error} />
    </div>
  );
}

/** The options of a select, with the current value kept even if it is no longer offered (an agency since switched off). */
export function OptionsWithCurrent({ options, value, blank }: { options: Option[]; value: string; blank?: string }) {
  const groups = [...new Set(options.map((o) => o.group).filter((g): g is string => Boolean(g)))];
  const render = (list: Option[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <>
      {blank !== undefined ? <option value="">{blank}</option> : null}
      {value && !options.some((o) => o.value === value) ? <option value={value}>{value}</option> : null}
      {groups.length
        ? groups.map((group) => (
            <optgroup key={group} label={group}>
              {render(options.filter((o) => o.group === group))}
            </optgroup>
          ))
        : render(options)}
    </>
  );
}

"use client";

import { getInputProps } from "@conform-to/react";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ComponentProps, type ReactNode } from "react";
import { Combobox } from "~/app/_components/combobox";
import { inputClass } from "~/app/_components/form";
import { ConformMessage, type DynamicField as Field, type Form } from "~/app/_components/form/conform";
import { decodeErrors } from "~/schemas/form";
import type { Option } from "./options";

// What the notice form needs beyond the shared fields: its cards, groups, and repeated rows whose
// "add" and "remove" are submit buttons carrying Conform's intents, so they work without
// JavaScript (the server answers with the list changed) and at once with it.

/** `value`, once it has stopped changing for `ms`: lookups while typing wait for a pause. */
export function useDebounced<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

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

/** Related fields under a legend; `field` (a list or an object) has its own message under them. */
export function Group({
  legend,
  hint,
  field,
  children,
  className = "",
}: {
  legend: ReactNode;
  hint?: ReactNode;
  field?: Field;
  children: ReactNode;
  className?: string;
}) {
  const describedBy = [hint && field ? field.descriptionId : "", field?.errors ? field.errorId : ""].join(" ").trim() || undefined;
  return (
    <fieldset id={field?.id} className={`min-w-0 ${className}`} aria-describedby={describedBy}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      {hint ? (
        <p id={field?.descriptionId} className="mb-2 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {children}
      {field ? <ConformMessage field={field} /> : null}
    </fieldset>
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

/** Removes row `index` of `list`: a submit button with Conform's intent. */
export function RemoveRow({ form, list, index, label, className = "" }: { form: Form; list: Field; index: number; label: string; className?: string }) {
  const t = useTranslations("noticeForm.actions");
  return (
    <SmallButton type="submit" className={className} aria-label={t("removeNamed", { name: label })} {...form.remove.getButtonProps({ name: list.name, index })}>
      {t("remove")}
    </SmallButton>
  );
}

/**
 * Rows of a list field (seized items, persons, names, plates), added up to `max` and removed down
 * to `min`. Each row is rendered by `children` with its own Conform field.
 */
export function Rows({
  form,
  list,
  legend,
  hint,
  max,
  min = 0,
  addLabel,
  blank,
  listClassName = "space-y-4",
  children,
}: {
  form: Form;
  list: Field;
  legend: ReactNode;
  hint?: ReactNode;
  max: number;
  min?: number;
  addLabel: ReactNode;
  /** What a new row starts with. */
  blank?: Record<string, string>;
  listClassName?: string;
  children: (row: Field, index: number, canRemove: boolean) => ReactNode;
}) {
  const rows: Field[] = list.getFieldList();
  return (
    <Group legend={legend} hint={hint} field={list}>
      {rows.length ? <ol className={listClassName}>{rows.map((row, index) => children(row, index, rows.length > min))}</ol> : null}
      {rows.length < max ? (
        <SmallButton type="submit" className="mt-3" {...form.insert.getButtonProps<Record<string, string>[]>({ name: list.name, defaultValue: blank })}>
          {addLabel}
        </SmallButton>
      ) : null}
    </Group>
  );
}

/** A list of one field a row, as TextRows and ChoiceRows take it: `itemLabel` names each row's field. */
type OneFieldRowsProps = {
  form: Form;
  list: Field;
  legend: ReactNode;
  hint?: ReactNode;
  max: number;
  addLabel: ReactNode;
  itemLabel: (index: number) => string;
};

/** Rows of one field each, the row's remove button beside it. */
function OneFieldRows({ itemLabel, field, ...rest }: OneFieldRowsProps & { field: (row: Field, index: number) => ReactNode }) {
  const { form, list } = rest;
  return (
    <Rows listClassName="space-y-2" {...rest}>
      {(row, index) => (
        <li key={row.key} className="flex items-start gap-2">
          <div className="min-w-0 flex-1">{field(row, index)}</div>
          <RemoveRow form={form} list={list} index={index} label={itemLabel(index)} />
        </li>
      )}
    </Rows>
  );
}

/** A list of short texts (registration numbers, owners, plates, tags): one input per entry. */
export function TextRows({ maxLength, inputProps, ...rest }: OneFieldRowsProps & { maxLength: number; inputProps?: ComponentProps<"input"> }) {
  return (
    <OneFieldRows
      {...rest}
      field={(row, index) => (
        <>
          <input
            dir="auto"
            aria-label={rest.itemLabel(index)}
            className={inputClass}
            maxLength={maxLength}
            {...inputProps}
            {...getInputProps(row, { type: "text" })}
            key={row.key}
          />
          <ConformMessage field={row} />
        </>
      )}
    />
  );
}

/**
 * One choice from a long list (a substance, a country), found by typing in the reader's language:
 * a select, until the reader reaches for it and the combobox replaces it (app/_components/combobox.tsx).
 */
export function ChoiceField({
  field,
  label,
  options,
  blank,
  labelHidden,
}: {
  field: Field;
  label: string;
  options: Option[];
  blank: string;
  labelHidden?: boolean;
}) {
  const value = String(field.initialValue ?? "");
  // The current value is kept even if it is no longer offered, as in OptionsWithCurrent.
  const offered = value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options;
  return (
    <Combobox
      key={field.key}
      id={field.id}
      name={field.name}
      label={label}
      labelHidden={labelHidden}
      options={offered}
      blank={blank}
      defaultValue={value}
      error={decodeErrors(field.errors)[0]}
    />
  );
}

/** Several choices from a long list (countries): one choice per row, added and removed as rows. */
export function ChoiceRows({ options, blank, ...rest }: OneFieldRowsProps & { options: Option[]; blank: string }) {
  return (
    <OneFieldRows {...rest} field={(row, index) => <ChoiceField field={row} label={rest.itemLabel(index)} labelHidden options={options} blank={blank} />} />
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

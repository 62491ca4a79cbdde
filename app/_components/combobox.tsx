"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { FieldMessage, inputClass } from "~/app/_components/form";
import { OnIntent } from "~/app/_components/on-intent";
import { useScripted } from "~/app/_components/use-scripted";
import { labelClass, type ComboboxProps, type ComboStart, type Wired } from "./combobox-types";

// Longer lists of boxes (without JavaScript) scroll in a box of their own rather than fill the page.
const BOXES_UNSCROLLED = 8;

export type { ComboboxProps, ComboOption, ComboSearch } from "./combobox-types";

// The combobox itself (downshift) is a chunk of its own, fetched when a reader reaches for a field.
const loadLive = () => import("./combobox-live");

/** Fetches the combobox ahead of intent, when the reader opens the part of a page its fields are in. */
export function preloadCombobox() {
  loadLive().catch(() => {});
}

function startOf(root: HTMLElement, name: string | undefined): ComboStart {
  const fields = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>(name ? `[name="${CSS.escape(name)}"]` : "input")];
  return {
    values: fields.filter((field) => !(field instanceof HTMLInputElement && field.type === "checkbox") || field.checked).map((field) => field.value),
    focused: root.contains(document.activeElement),
  };
}

/**
 * The WAI-ARIA combobox (downshift), for one value or several (chips with remove buttons). The
 * server renders the plain control, which looks like it; the combobox replaces it when the reader
 * reaches for it, starting from whatever it holds by then. Several values, which the plain control
 * shows as a list of boxes, are replaced as soon as scripts run.
 */
export function Combobox(props: ComboboxProps) {
  const id = useId();
  const ids = { input: props.id ?? `${id}-input`, hint: `${id}-hint`, error: `${id}-error` };
  const describedBy = [props.hint ? ids.hint : null, props.error ? ids.error : null].filter(Boolean).join(" ") || undefined;
  const wired = { inputId: ids.input, describedBy };
  return (
    <div>
      <OnIntent load={loadLive} eager={props.multiple} read={(root) => startOf(root, props.name)} fallback={<Fallback {...props} {...wired} />}>
        {({ LiveCombobox }, start) => <LiveCombobox {...props} {...wired} start={start} />}
      </OnIntent>
      {props.hint ? (
        <p id={ids.hint} className="mt-1 text-xs text-slate-500">
          {props.hint}
        </p>
      ) : null}
      <FieldMessage id={ids.error} error={props.error} />
    </div>
  );
}

function Fallback(props: ComboboxProps & Wired) {
  const t = useTranslations("common.combobox");
  const { name, label, disabled, inputId, describedBy } = props;
  const invalid = props.error ? true : undefined;
  const scripted = useScripted();
  if (props.multiple) {
    const chosen = new Set(props.defaultValue ?? []);
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-1 block text-sm font-medium text-slate-700">{label}</legend>
        {/* Each box is reachable by keyboard, so a scrolling list is too. */}
        <div className={`rounded-md border border-slate-300 bg-white px-3 py-2 ${props.options.length > BOXES_UNSCROLLED ? "max-h-56 overflow-y-auto" : ""}`}>
          {props.options.map((option) => (
            <label key={option.value} className="flex items-start gap-2 py-0.5 text-sm">
              <input type="checkbox" className="mt-1" name={name} value={option.value} defaultChecked={chosen.has(option.value)} disabled={disabled} />
              <bdi>{option.label}</bdi>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <>
      <label htmlFor={inputId} className={labelClass(props.labelHidden)}>
        {label}
      </label>
      {props.options ? (
        <select
          id={inputId}
          name={name}
          defaultValue={props.defaultValue ?? ""}
          disabled={disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={inputClass}
        >
          <option value="">{props.blank ?? t("none")}</option>
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={inputId}
          name={name}
          type="text"
          // With scripts it becomes the combobox as soon as it is reached: announced as one already.
          role={scripted ? "combobox" : undefined}
          aria-expanded={scripted ? false : undefined}
          aria-autocomplete={scripted ? "list" : undefined}
          dir="auto"
          autoComplete="off"
          maxLength={500}
          defaultValue={props.defaultValue}
          disabled={disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={inputClass}
        />
      )}
    </>
  );
}

import type { ReactNode } from "react";
import type { FieldError } from "~/schemas/issues";

// What the plain control (combobox.tsx) and the combobox that replaces it (combobox-live.tsx) share,
// in a module of their own: combobox.tsx loads combobox-live.tsx, which importing it back would make
// a cycle.

/** One choice: `value` is what the form submits, `label` what the reader sees (in their language), `detail` a second line. */
export type ComboOption = { value: string; label: string; detail?: string };

/** Looks options up on the server for what was typed (at least SEARCH_MIN characters, after a pause). */
export type ComboSearch = (query: string) => Promise<ComboOption[]>;

export type Common = {
  label: string;
  /** The field's id (a form's summary of errors links to it); one of its own otherwise. */
  id?: string;
  /** The label for screen readers only, where the row it is in says what it is. */
  labelHidden?: boolean;
  hint?: ReactNode;
  error?: FieldError;
  disabled?: boolean;
};

/**
 * A static list (already sorted as the reader's language orders it, `byLabel`) is filtered here as
 * one types; without JavaScript it is a `<select>` (`blank` naming its empty choice), or checkboxes
 * for several values. A search asks the server; without JavaScript it is a text field, whose text
 * is posted as the value (an action that takes a pasted address or id needs nothing more). A search
 * with `onChoose` posts nothing: it hands each choice over (to a list of its own) and empties.
 * `name`: the form field the choice is posted as, with or without JavaScript.
 */
export type ComboboxProps = Common &
  (
    | { name: string; options: ComboOption[]; search?: never; multiple?: false; defaultValue?: string; blank?: string; onChoose?: never }
    | { name: string; options: ComboOption[]; search?: never; multiple: true; defaultValue?: string[]; blank?: never; onChoose?: never }
    | { name: string; search: ComboSearch; options?: never; multiple?: false; defaultValue?: string; blank?: never; onChoose?: never }
    | { name?: never; search: ComboSearch; onChoose: (option: ComboOption) => void; options?: never; multiple?: false; defaultValue?: never; blank?: never }
  );

/** What the combobox starts from: the plain control's values, and whether the reader is in it. */
export type ComboStart = { values: string[]; focused: boolean };

export type Wired = { inputId: string; describedBy: string | undefined };

export const labelClass = (hidden?: boolean) => (hidden ? "sr-only" : "mb-1 block text-sm font-medium text-slate-700");

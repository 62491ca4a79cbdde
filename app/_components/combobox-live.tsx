"use client";

import { useCombobox, useMultipleSelection, type UseComboboxState, type UseComboboxStateChangeOptions } from "downshift";
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from "react";
import { inputClass } from "~/app/_components/form";
import { labelClass, type ComboboxProps, type ComboOption, type ComboSearch, type ComboStart, type Common, type Wired } from "./combobox";

const SEARCH_MIN = 2;
const SEARCH_PAUSE_MS = 250;

/** The combobox that replaces the plain control (combobox.tsx), from what that control held. */
export function LiveCombobox(props: ComboboxProps & Wired & { start: ComboStart }) {
  const { start } = props;
  return props.multiple ? (
    <Several {...props} options={props.options} initial={start.values} focused={start.focused} />
  ) : (
    <One {...props} initial={start.values[0] ?? ""} focused={start.focused} />
  );
}

/** An event downshift is told to leave alone. */
type DownshiftEvent = Event & { preventDownshiftDefault?: boolean };

/** Focus for the combobox's field when the plain control had it, the caret after the text. */
function useFocusOnMount(focused: boolean) {
  const ref = useRef<HTMLInputElement>(null);
  // Before the browser handles another event: the next key typed goes here.
  useLayoutEffect(() => {
    const input = ref.current;
    if (!focused || !input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, [focused]);
  return ref;
}

/**
 * The hidden field that posts a choice, its changes announced as input events (a script changing a
 * field makes none): a form that follows its fields by their events (Conform's values and checks,
 * and so the notice form's autosave) hears of them.
 */
function useAnnounced(value: string) {
  const ref = useRef<HTMLInputElement>(null);
  const last = useRef(value);
  useEffect(() => {
    if (last.current === value) return;
    last.current = value;
    ref.current?.dispatchEvent(new Event("input", { bubbles: true }));
  }, [value]);
  return ref;
}

/** Case, accents and ё/е aside, so that "kyrg", "Кыргыз" and "Ёлкин" find what a reader means. */
const folded = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The options every typed word occurs in, those that start with the query first, otherwise in their given order. */
function filtered(options: ComboOption[], query: string): ComboOption[] {
  const q = folded(query.trim());
  if (!q) return options;
  const words = q.split(/\s+/);
  const hits = options.filter((option) => {
    const text = folded(`${option.label} ${option.detail ?? ""}`);
    return words.every((word) => text.includes(word));
  });
  return [...hits.filter((o) => folded(o.label).startsWith(q)), ...hits.filter((o) => !folded(o.label).startsWith(q))];
}

type Lookup = { status: "idle" | "pending" | "done" | "failed"; options: ComboOption[] };

/** The server's options for `query`, after a pause in typing; the previous ones stay while the next load. */
function useSearch(search: ComboSearch | undefined, query: string): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ status: "idle", options: [] });
  const run = useEffectEvent((q: string) => search!(q));
  const q = query.trim();
  const active = Boolean(search) && q.length >= SEARCH_MIN;
  useEffect(() => {
    if (!active) return;
    let current = true;
    setLookup((previous) => ({ ...previous, status: "pending" }));
    const timer = setTimeout(() => {
      run(q).then(
        (options) => current && setLookup({ status: "done", options }),
        () => current && setLookup({ status: "failed", options: [] }),
      );
    }, SEARCH_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [active, q]);
  return active ? lookup : { status: "idle", options: [] };
}

function Status({ isOpen, lookup, count, query, remote }: { isOpen: boolean; lookup: Lookup; count: number; query: string; remote: boolean }) {
  const t = useTranslations("common.combobox");
  const typed = query.trim().length;
  let shown: string | null = null;
  if (remote && typed > 0 && typed < SEARCH_MIN) shown = t("minChars", { count: SEARCH_MIN });
  else if (lookup.status === "pending" && count === 0) shown = t("searching");
  else if (lookup.status === "failed") shown = t("failed");
  else if (isOpen && count === 0 && (!remote || lookup.status === "done")) shown = t("noMatch");
  const heard = isOpen && count > 0 ? t("results", { count }) : null;
  // Always in the page, so that screen readers hear each change of what it says.
  return (
    <p role="status" className="mt-1 text-xs text-slate-600">
      {shown}
      {heard ? <span className="sr-only">{heard}</span> : null}
    </p>
  );
}

function Menu({
  items,
  highlightedIndex,
  getItemProps,
}: {
  items: ComboOption[];
  highlightedIndex: number;
  getItemProps: ReturnType<typeof useCombobox<ComboOption>>["getItemProps"];
}) {
  return items.map((item, index) => (
    <li
      key={item.value}
      className={`cursor-pointer px-3 py-2 text-sm ${highlightedIndex === index ? "bg-brand-50 text-brand-900" : "text-slate-800"}`}
      {...getItemProps({ item, index })}
    >
      <bdi className="block">{item.label}</bdi>
      {item.detail ? <span className="block text-xs text-slate-600">{item.detail}</span> : null}
    </li>
  ));
}

const menuClass = (open: boolean) =>
  open ? "absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg" : "hidden";

const toLabel = (item: ComboOption | null) => item?.label ?? "";

function ToggleButton(props: object) {
  const t = useTranslations("common.combobox");
  return (
    <button
      type="button"
      tabIndex={-1}
      aria-label={t("showAll")}
      className="shrink-0 rounded-md border border-slate-300 bg-white px-2 text-slate-600 hover:bg-slate-50"
      {...props}
    >
      <span aria-hidden>▾</span>
    </button>
  );
}

function One(props: ComboboxProps & Wired & { initial: string; focused: boolean }) {
  const { name, label, disabled, inputId, describedBy, initial } = props;
  const inputRef = useFocusOnMount(props.focused);
  const remote = !props.options;
  const known = props.options?.find((o) => o.value === initial) ?? null;
  const startText = known ? known.label : remote ? initial : "";
  // What the options are found for: what was typed, not a choice's label (after a choice the whole
  // list is there to browse again). The field's own text stays downshift's: controlled from here it
  // would lag a render behind each key (downshift reports changes from an effect) and drop keys.
  // Text typed into the plain field before the combobox took its place is searched for at once.
  const typed = remote && props.focused ? initial : "";
  const [query, setQuery] = useState(typed);
  const lookup = useSearch(props.search, query);
  const items = remote ? lookup.options : filtered(props.options!, query);
  const { onChoose } = props;
  const { isOpen, highlightedIndex, selectedItem, inputValue, selectItem, getLabelProps, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } =
    useCombobox<ComboOption>({
      items,
      inputId,
      // Handing each choice over, it keeps none itself.
      ...(onChoose ? { selectedItem: null } : {}),
      initialInputValue: startText,
      initialSelectedItem: known,
      initialIsOpen: typed.length >= SEARCH_MIN,
      itemToString: toLabel,
      itemToKey: (item) => item?.value,
      // A static list picks its first match as one types; a search waits to be chosen from, so that
      // Enter on a pasted address posts it.
      defaultHighlightedIndex: remote ? -1 : 0,
      onInputValueChange: ({ inputValue: next, type }) => {
        const typed = type === useCombobox.stateChangeTypes.InputChange;
        setQuery(typed ? next : "");
        if (typed && next === "" && !onChoose) selectItem(null);
      },
      onStateChange: ({ type, selectedItem: item }) => {
        if (onChoose && chose(type) && item) onChoose(item);
      },
      stateReducer: (_state: UseComboboxState<ComboOption>, { type, changes }: UseComboboxStateChangeOptions<ComboOption>) => {
        if (onChoose && chose(type)) return { ...changes, inputValue: "" };
        if (remote) return changes;
        // An emptied field means no choice: nothing is highlighted for leaving it to pick.
        if (type === useCombobox.stateChangeTypes.InputChange && changes.inputValue === "") return { ...changes, highlightedIndex: -1 };
        // Leaving it with text that chose nothing shows the choice again, as a select would.
        if (type === useCombobox.stateChangeTypes.InputBlur) return { ...changes, inputValue: toLabel(changes.selectedItem ?? null) };
        return changes;
      },
    });
  // What was chosen, unless the text has been changed since; a search posts the text itself then.
  const chosen = selectedItem && selectedItem.label === inputValue ? selectedItem : null;
  const posted = chosen?.value ?? (remote ? inputValue.trim() : "");
  const postedRef = useAnnounced(posted);

  return (
    <div className="relative">
      <label className={labelClass(props.labelHidden)} {...getLabelProps()}>
        {label}
      </label>
      <div className="flex gap-1">
        <input
          dir="auto"
          className={inputClass}
          {...getInputProps({
            ref: inputRef,
            disabled,
            "aria-describedby": describedBy,
            "aria-invalid": props.error ? true : undefined,
            // Enter with no option highlighted posts the form, as in a text field (a pasted
            // address); downshift would only close the list.
            onKeyDown: (event) => {
              if (event.key === "Enter" && highlightedIndex < 0) (event.nativeEvent as DownshiftEvent).preventDownshiftDefault = true;
            },
          })}
        />
        {remote ? null : <ToggleButton {...getToggleButtonProps({ disabled })} />}
      </div>
      <ul className={menuClass(isOpen && items.length > 0)} {...getMenuProps()}>
        {isOpen ? <Menu items={items} highlightedIndex={highlightedIndex} getItemProps={getItemProps} /> : null}
      </ul>
      <Status isOpen={isOpen} lookup={lookup} count={items.length} query={inputValue} remote={remote} />
      {name ? <input ref={postedRef} type="hidden" name={name} value={posted} /> : null}
    </div>
  );
}

/** Whether a state change is a choice made (Enter on an option, or a click). */
const chose = (type: UseComboboxStateChangeOptions<ComboOption>["type"]) =>
  type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick;

function Several(props: Common & Wired & { name: string; options: ComboOption[]; initial: string[]; focused: boolean }) {
  const t = useTranslations("common.combobox");
  const { name, label, disabled, inputId, describedBy, options } = props;
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  // What the options are filtered by (see One: the field's text itself stays downshift's).
  const [query, setQuery] = useState("");
  const inputRef = useFocusOnMount(props.focused);
  const { selectedItems, getSelectedItemProps, getDropdownProps, addSelectedItem, removeSelectedItem, setActiveIndex } = useMultipleSelection<ComboOption>({
    initialSelectedItems: props.initial.flatMap((value) => byValue.get(value) ?? []),
    itemToKey: (item) => item?.value,
  });
  const taken = new Set(selectedItems.map((item) => item.value));
  const items = filtered(options, query).filter((option) => !taken.has(option.value));

  const { isOpen, highlightedIndex, inputValue, getLabelProps, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } = useCombobox<ComboOption>({
    items,
    inputId,
    selectedItem: null,
    itemToString: toLabel,
    itemToKey: (item) => item?.value,
    defaultHighlightedIndex: 0,
    stateReducer: (state: UseComboboxState<ComboOption>, { type, changes }: UseComboboxStateChangeOptions<ComboOption>) => {
      switch (type) {
        // Enter takes the highlighted match, which is the first as one types; downshift loses the
        // highlight now and then while the list is filtered anew under fast typing, and Enter then
        // took nothing but emptied the field: it takes the first match then too.
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
          return { ...changes, selectedItem: changes.selectedItem ?? (state.isOpen && state.inputValue.trim() ? (items[0] ?? null) : null), inputValue: "" };
        // The field empties for the next value; the list closes, so that it covers nothing below
        // (the next key opens it again).
        case useCombobox.stateChangeTypes.ItemClick:
          return { ...changes, inputValue: "" };
        // Leaving the field chooses nothing: only Enter or a click adds a value.
        case useCombobox.stateChangeTypes.InputBlur:
          return { ...changes, selectedItem: null, inputValue: "" };
        default:
          return changes;
      }
    },
    onStateChange: ({ type, selectedItem, inputValue: next }) => {
      if (chose(type) && selectedItem) addSelectedItem(selectedItem);
      if (next !== undefined) setQuery(next);
    },
  });

  return (
    <div className="relative">
      <label className={labelClass(props.labelHidden)} {...getLabelProps()}>
        {label}
      </label>
      {selectedItems.length ? (
        <ul className="mb-2 flex flex-wrap gap-1.5" aria-label={t("chosen", { label })}>
          {selectedItems.map((item, index) => (
            <li key={item.value} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-3 text-sm text-brand-900">
              <bdi>{item.label}</bdi>
              <button
                type="button"
                disabled={disabled}
                className="inline-flex size-7 items-center justify-center rounded-full hover:bg-brand-100"
                {...getSelectedItemProps({
                  selectedItem: item,
                  index,
                  "aria-label": t("remove", { label: item.label }),
                  onClick: (event) => {
                    // Removed at once rather than first made active; the field takes the focus back
                    // (downshift would move it to a neighbouring chip, or lose it with the button).
                    (event.nativeEvent as DownshiftEvent).preventDownshiftDefault = true;
                    removeSelectedItem(item);
                    setActiveIndex(-1);
                    inputRef.current?.focus();
                  },
                })}
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-1">
        <input
          dir="auto"
          className={inputClass}
          {...getInputProps(
            getDropdownProps({
              preventKeyAction: isOpen,
              ref: inputRef,
              disabled,
              "aria-describedby": describedBy,
              "aria-invalid": props.error ? true : undefined,
            }),
          )}
        />
        <ToggleButton {...getToggleButtonProps({ disabled })} />
      </div>
      <ul className={menuClass(isOpen && items.length > 0)} {...getMenuProps()}>
        {isOpen ? <Menu items={items} highlightedIndex={highlightedIndex} getItemProps={getItemProps} /> : null}
      </ul>
      <Status isOpen={isOpen} lookup={{ status: "idle", options: [] }} count={items.length} query={inputValue} remote={false} />
      {selectedItems.map((item) => (
        <input key={item.value} type="hidden" name={name} value={item.value} />
      ))}
    </div>
  );
}

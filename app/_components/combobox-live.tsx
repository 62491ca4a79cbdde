"use client";

import { useCombobox, useMultipleSelection, type UseComboboxState, type UseComboboxStateChangeOptions } from "downshift";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { inputClass } from "~/app/_components/form";
import {
  chose,
  filtered,
  Menu,
  menuClass,
  SEARCH_MIN,
  Status,
  ToggleButton,
  toLabel,
  useAnnounced,
  useFocusOnMount,
  useSearch,
  type DownshiftEvent,
} from "./combobox-parts";
import { labelClass, type ComboboxProps, type ComboOption, type ComboStart, type Common, type Wired } from "./combobox-types";

/** The combobox that replaces the plain control (combobox.tsx), from what that control held. */
export function LiveCombobox(props: ComboboxProps & Wired & { start: ComboStart }) {
  const { start } = props;
  return props.multiple ? (
    <Several {...props} options={props.options} initial={start.values} focused={start.focused} />
  ) : (
    <One {...props} initial={start.values[0] ?? ""} focused={start.focused} />
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

function Several(props: Common & Wired & { name: string; options: ComboOption[]; initial: string[]; focused: boolean }) {
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
      <Chips
        label={label}
        items={selectedItems}
        disabled={disabled}
        getSelectedItemProps={getSelectedItemProps}
        remove={(item) => {
          removeSelectedItem(item);
          setActiveIndex(-1);
          inputRef.current?.focus();
        }}
      />
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

/** The values chosen, each a chip with its remove button. */
function Chips({
  label,
  items,
  disabled,
  getSelectedItemProps,
  remove,
}: {
  label: string;
  items: ComboOption[];
  disabled?: boolean;
  getSelectedItemProps: ReturnType<typeof useMultipleSelection<ComboOption>>["getSelectedItemProps"];
  remove: (item: ComboOption) => void;
}) {
  const t = useTranslations("common.combobox");
  if (!items.length) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-1.5" aria-label={t("chosen", { label })}>
      {items.map((item, index) => (
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
                remove(item);
              },
            })}
          >
            <span aria-hidden>×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

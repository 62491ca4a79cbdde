"use client";

import { useCombobox, type UseComboboxStateChangeOptions } from "downshift";
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from "react";
import type { ComboOption, ComboSearch } from "./combobox-types";

// The parts the one-value and the several-value combobox (combobox-live.tsx) are built of.

export const SEARCH_MIN = 2;
const SEARCH_PAUSE_MS = 250;

/** An event downshift is told to leave alone. */
export type DownshiftEvent = Event & { preventDownshiftDefault?: boolean };

/** Focus for the combobox's field when the plain control had it, the caret after the text. */
export function useFocusOnMount(focused: boolean) {
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
export function useAnnounced(value: string) {
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
export function filtered(options: ComboOption[], query: string): ComboOption[] {
  const q = folded(query.trim());
  if (!q) return options;
  const words = q.split(/\s+/);
  const hits = options.filter((option) => {
    const text = folded(`${option.label} ${option.detail ?? ""}`);
    return words.every((word) => text.includes(word));
  });
  return [...hits.filter((o) => folded(o.label).startsWith(q)), ...hits.filter((o) => !folded(o.label).startsWith(q))];
}

export type Lookup = { status: "idle" | "pending" | "done" | "failed"; options: ComboOption[] };

/** The server's options for `query`, after a pause in typing; the previous ones stay while the next load. */
export function useSearch(search: ComboSearch | undefined, query: string): Lookup {
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

export function Status({ isOpen, lookup, count, query, remote }: { isOpen: boolean; lookup: Lookup; count: number; query: string; remote: boolean }) {
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

export function Menu({
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

export const menuClass = (open: boolean) =>
  open ? "absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg" : "hidden";

export const toLabel = (item: ComboOption | null) => item?.label ?? "";

export function ToggleButton(props: object) {
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

/** Whether a state change is a choice made (Enter on an option, or a click). */
export const chose = (type: UseComboboxStateChangeOptions<ComboOption>["type"]) =>
  type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick;

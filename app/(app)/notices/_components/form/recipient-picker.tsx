"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FieldMessage } from "~/app/_components/form";
import { useTRPC } from "~/app/_trpc/react";
import { inputClass, SmallButton, useDebounced } from "./controls";
import { useNoticeForm } from "./form-context";
import { isolate } from "~/app/_components/isolate";

const MIN_QUERY = 2;
const MAX_RECIPIENTS = 50;

/**
 * TLP:RED recipients: a search box that looks people up as the author types (name or email),
 * results as buttons to add, the chosen people as a list with remove buttons. No custom
 * combobox: plain buttons are what every keyboard and screen reader handles well.
 */
export function RecipientPicker() {
  const t = useTranslations("noticeForm.recipients");
  const ta = useTranslations("noticeForm.actions");
  const trpc = useTRPC();
  const { state, update, errors, disabled } = useNoticeForm();
  const [query, setQuery] = useState("");
  const q = useDebounced(query.trim());
  const id = useId();
  const search = useQuery(
    trpc.notices.recipientOptions.queryOptions({ q }, { enabled: q.length >= MIN_QUERY, placeholderData: keepPreviousData }),
  );
  const chosen = new Set(state.recipients.map((r) => r.id));
  const results = q.length >= MIN_QUERY ? (search.data ?? []).filter((person) => !chosen.has(person.id)) : [];
  const full = state.recipients.length >= MAX_RECIPIENTS;

  return (
    <fieldset className="min-w-0" aria-describedby={`${id}-hint${errors.recipientIds ? ` ${id}-error` : ""}`}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{t("legend")}</legend>
      <p id={`${id}-hint`} className="mb-2 text-xs text-slate-500">
        {t("hint")}
      </p>
      {state.recipients.length ? (
        <ul className="mb-3 flex flex-wrap gap-2" aria-label={t("chosen")}>
          {state.recipients.map((person) => (
            <li key={person.id} className="inline-flex items-center gap-1 rounded-full bg-red-50 py-0.5 pr-1 pl-3 text-sm text-red-900">
              {person.label}
              <button
                type="button"
                disabled={disabled}
                className="inline-flex size-7 items-center justify-center rounded-full hover:bg-red-100"
                aria-label={ta("removeNamed", { name: person.label })}
                onClick={() => update({ recipients: state.recipients.filter((r) => r.id !== person.id) })}
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-600">{t("none")}</p>
      )}
      <label htmlFor={`${id}-q`} className="mb-1 block text-sm text-slate-700">
        {t("search")}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        className={inputClass}
        value={query}
        disabled={disabled || full}
        aria-invalid={errors.recipientIds ? true : undefined}
        aria-controls={`${id}-results`}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div id={`${id}-results`} aria-live="polite" className="mt-2">
        {q.length < MIN_QUERY ? null : search.isError ? (
          <p className="text-sm text-red-700">{t("searchFailed")}</p>
        ) : search.isFetching && !search.data ? (
          <p className="text-sm text-slate-500">{t("searching")}</p>
        ) : results.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noMatch")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {results.map((person) => (
              <li key={person.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  <bdi className="font-medium">{person.name}</bdi> <span className="text-slate-500">({person.agencyShortName})</span>
                  <span className="block break-all text-xs text-slate-500">{person.email}</span>
                </span>
                <SmallButton
                  disabled={disabled || full}
                  aria-label={t("addNamed", { name: person.name })}
                  onClick={() => update({ recipients: [...state.recipients, { id: person.id, label: `${isolate(person.name)} (${person.agencyShortName})` }] })}
                >
                  {t("add")}
                </SmallButton>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FieldMessage id={`${id}-error`} error={errors.recipientIds} />
    </fieldset>
  );
}

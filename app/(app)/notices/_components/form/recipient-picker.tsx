"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { inputClass } from "~/app/_components/form";
import { ConformMessage, HiddenField, TextareaField, type DynamicField as Field } from "~/app/_components/form/conform";
import { isolate } from "~/app/_components/isolate";
import { useTRPC } from "~/app/_trpc/react";
import { SmallButton, useDebounced, useScripted } from "./controls";
import { useNoticeForm } from "./form-context";

const MIN_QUERY = 2;
const MAX_RECIPIENTS = 50;

/**
 * TLP:RED recipients. With JavaScript: a search box that looks people up as the author types
 * (name or email), results as buttons to add. Without it: their email addresses, one per line,
 * which the server looks up. The chosen people are a list with remove buttons either way.
 */
export function RecipientPicker({ emails, labels }: { emails: Field; labels: Record<string, string> }) {
  const t = useTranslations("noticeForm.recipients");
  const ta = useTranslations("noticeForm.actions");
  const { form, notice } = useNoticeForm();
  const scripted = useScripted();
  const list = notice.recipientIds!;
  const [found, setFound] = useState<Record<string, string>>({});
  const named = { ...labels, ...found };
  // A recipient the server found by email has no name here: the addresses typed stay in their field.
  const chosen = list.getFieldList().map((row, index) => ({ row, index, label: named[String(row.value ?? row.initialValue)] })).filter((c) => c.label);
  const full = chosen.length >= MAX_RECIPIENTS;

  return (
    <fieldset id={list.id} className="min-w-0" aria-describedby={`${list.descriptionId}${list.errors ? ` ${list.errorId}` : ""}`}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{t("legend")}</legend>
      <p id={list.descriptionId} className="mb-2 text-xs text-slate-500">
        {notice.tlp!.value === "red" ? t("hint") : t("hintAny")}
      </p>
      {chosen.length ? (
        <ul className="mb-3 flex flex-wrap gap-2" aria-label={t("chosen")}>
          {chosen.map(({ row, index, label }) => (
            <li key={row.key} className="inline-flex items-center gap-1 rounded-full bg-red-50 py-0.5 pr-1 pl-3 text-sm text-red-900">
              <HiddenField field={row} />
              {label}
              <button
                type="submit"
                className="inline-flex size-7 items-center justify-center rounded-full hover:bg-red-100"
                aria-label={ta("removeNamed", { name: label! })}
                {...form.remove.getButtonProps({ name: list.name, index })}
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-600">{t("none")}</p>
      )}
      {scripted ? (
        <Search
          disabled={full}
          exclude={new Set(chosen.map((c) => String(c.row.value ?? c.row.initialValue)))}
          onAdd={(id, label) => {
            setFound((f) => ({ ...f, [id]: label }));
            form.insert({ name: list.name, defaultValue: id });
          }}
        />
      ) : (
        <TextareaField field={emails} label={t("emails")} hint={t("emailsHint")} rows={3} spellCheck={false} autoCapitalize="none" />
      )}
      <ConformMessage field={list} />
    </fieldset>
  );
}

function Search({ disabled, exclude, onAdd }: { disabled: boolean; exclude: Set<string>; onAdd: (id: string, label: string) => void }) {
  const t = useTranslations("noticeForm.recipients");
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const q = useDebounced(query.trim());
  const id = useId();
  const search = useQuery(trpc.notices.recipientOptions.queryOptions({ q }, { enabled: q.length >= MIN_QUERY, placeholderData: keepPreviousData }));
  const results = q.length >= MIN_QUERY ? (search.data ?? []).filter((person) => !exclude.has(person.id)) : [];
  return (
    <>
      <label htmlFor={`${id}-q`} className="mb-1 block text-sm text-slate-700">
        {t("search")}
      </label>
      {/* No name: the search is not part of the notice. */}
      <input
        id={`${id}-q`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        className={inputClass}
        value={query}
        disabled={disabled}
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
                <SmallButton disabled={disabled} aria-label={t("addNamed", { name: person.name })} onClick={() => onAdd(person.id, `${isolate(person.name)} (${person.agencyShortName})`)}>
                  {t("add")}
                </SmallButton>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

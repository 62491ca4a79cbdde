"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Combobox, type ComboSearch } from "~/app/_components/combobox";
import { ConformMessage, HiddenField, TextareaField, type DynamicField as Field } from "~/app/_components/form/conform";
import { isolate } from "~/app/_components/isolate";
import { useScripted } from "~/app/_components/use-scripted";
import { fetchQuery } from "~/app/_trpc/events";
import type { AppRouter } from "~/server/api/root";
import { useNoticeForm } from "./form-context";

const MAX_RECIPIENTS = 50;

type Person = inferRouterOutputs<AppRouter>["notices"]["recipientOptions"][number];

/**
 * TLP:RED recipients. With JavaScript: a combobox that looks people up as the author types (name or
 * email), each choice added to the list. Without it: their email addresses, one per line, which the
 * server looks up. The chosen people are a list with remove buttons either way.
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
  const chosen = list
    .getFieldList()
    .map((row, index) => ({ row, index, label: named[String(row.value ?? row.initialValue)] }))
    .filter((c) => c.label);
  const taken = new Set(chosen.map((c) => String(c.row.value ?? c.row.initialValue)));

  // By plain fetch, not the tRPC client: the form carries none for this (page weight).
  const search: ComboSearch = async (q) => {
    const people = await fetchQuery<Person[]>("notices.recipientOptions", { q });
    return people
      .filter((person) => !taken.has(person.id))
      .map((person) => ({ value: person.id, label: `${isolate(person.name)} (${person.agencyShortName})`, detail: person.email }));
  };

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
        <Combobox
          label={t("search")}
          search={search}
          disabled={chosen.length >= MAX_RECIPIENTS}
          onChoose={(person) => {
            setFound((f) => ({ ...f, [person.value]: person.label }));
            form.insert({ name: list.name, defaultValue: person.value });
          }}
        />
      ) : (
        <TextareaField field={emails} label={t("emails")} hint={t("emailsHint")} rows={3} spellCheck={false} autoCapitalize="none" />
      )}
      <ConformMessage field={list} />
    </fieldset>
  );
}

"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { Link } from "~/app/_components/link";
import { useEffect, useState } from "react";
import { Badge } from "~/app/_components/ui";
import { fetchQuery } from "~/app/_trpc/events";
import type { DynamicField as Field } from "~/app/_components/form/conform";
import type { AppRouter } from "~/server/api/root";
import { useDebounced } from "./controls";
import { useNoticeForm } from "./form-context";

// Shorter terms match too much to be useful, and the server ignores them anyway.
const MIN_TERM = 2;

type Similar = inferRouterOutputs<AppRouter>["notices"]["similarCompanies"];
type Terms = { names: string[]; registrationNumbers: string[]; owners: string[] };
/** The server's answer for the terms (as typed), or null when it could not be had. */
type Answer = { typed: string; alerts: Similar | null };

const hasTerms = (input: Terms) => input.names.length + input.registrationNumbers.length + input.owners.length > 0;

const terms = (values: unknown, max: number, maxLength: number) =>
  (Array.isArray(values) ? values : [])
    .map((v) => (typeof v === "string" ? v.trim() : ""))
    .filter((v) => v.length >= MIN_TERM && v.length <= maxLength)
    .slice(0, max);

/**
 * Existing company alerts (only those the author may read) whose names, owners or registration
 * numbers look like what is being typed, so that the author links to them instead of writing a
 * duplicate. For a new alert each can be ticked (`linkIds`) to be linked once the new one is saved.
 * It needs JavaScript: without it the search does not run and the form simply has no hint.
 */
export function SimilarAlerts({ excludeId, linkIds }: { excludeId?: string; linkIds?: Field }) {
  const t = useTranslations("noticeForm.similar");
  const timeZone = useTimeZone();
  const { notice } = useNoticeForm();
  const names = Array.isArray(notice.names!.value) ? (notice.names!.value as { name?: unknown }[]) : [];
  // Compared as text, so that re-rendering for an unrelated field does not restart the pause.
  const typed = JSON.stringify({
    names: terms(
      names.map((n) => n?.name),
      10,
      200,
    ),
    registrationNumbers: terms(notice.registrationNumbers!.value, 10, 60),
    owners: terms(notice.owners!.value, 20, 200),
  });
  const { settled, any, answer } = useSimilar(typed);
  const searching = answer?.typed !== settled;
  const failed = !searching && answer.alerts === null;
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const found = any ? (answer?.alerts ?? []).filter((alert) => alert.id !== excludeId) : [];

  return (
    <section aria-labelledby="similar-alerts-title" className="rounded-md border border-amber-200 bg-amber-50 p-3">
      <h3 id="similar-alerts-title" className="text-sm font-semibold text-amber-950">
        {t("title")}
      </h3>
      {!any ? (
        <p role="status" className="mt-1 text-sm text-amber-900">
          {t("start")}
        </p>
      ) : failed ? (
        <p role="status" className="mt-1 text-sm text-amber-900">
          {t("failed")}
        </p>
      ) : found.length === 0 ? (
        <p role="status" className="mt-1 text-sm text-amber-900">
          {searching ? t("searching") : t("none")}
        </p>
      ) : (
        <>
          <p role="status" className="mt-1 text-sm text-amber-900">
            {t("found", { count: found.length })}
          </p>
          <ul className="mt-2 space-y-2">
            {found.map((alert) => (
              <AlertItem key={alert.id} alert={alert} today={today} linkIds={linkIds} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The server's answer for the typed terms once typing pauses; the last answer stays while the next is fetched. */
function useSimilar(typed: string) {
  const settled = useDebounced(typed, 500);
  const any = hasTerms(JSON.parse(settled) as Terms);
  // The last answer stays on screen while the next is fetched.
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    const input = JSON.parse(settled) as Terms;
    if (!hasTerms(input)) return;
    let current = true;
    fetchQuery<Similar>("notices.similarCompanies", input).then(
      (alerts) => current && setAnswer({ typed: settled, alerts }),
      () => current && setAnswer({ typed: settled, alerts: null }),
    );
    return () => {
      current = false;
    };
  }, [settled]);
  return { settled, any, answer };
}

/** One similar alert: its title, marking, status, how alike, its names, owners and numbers, and its link box. */
function AlertItem({ alert, today, linkIds }: { alert: Similar[number]; today: string; linkIds?: Field }) {
  const t = useTranslations("noticeForm.similar");
  const vocab = useTranslations("vocab");
  const format = useFormatter();
  return (
    <li className="rounded-md border border-amber-200 bg-white p-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/notices/${alert.id}`} target="_blank" rel="noopener" className="font-medium text-brand-600 underline-offset-2 hover:underline">
          <bdi>{alert.title}</bdi>
        </Link>
        <Badge tone={alert.tlp === "red" ? "red" : alert.tlp === "clear" || alert.tlp === "green" ? "green" : "amber"}>{vocab(`tlp.${alert.tlp}`)}</Badge>
        {alert.status !== "published" ? <Badge>{vocab(`status.${alert.status}`)}</Badge> : null}
        {alert.expiresOn < today ? <Badge tone="red">{t("expired")}</Badge> : null}
        <span className="text-xs text-slate-500">{t("match", { value: format.number(alert.similarity, { style: "percent", maximumFractionDigits: 0 }) })}</span>
      </div>
      <p className="mt-1 text-slate-700">{alert.names.map((n) => n.name).join(" · ")}</p>
      {alert.owners.length ? <p className="text-xs text-slate-600">{t("owners", { owners: alert.owners.join(", ") })}</p> : null}
      {alert.registrationNumbers.length ? <p className="text-xs text-slate-600">{t("numbers", { numbers: alert.registrationNumbers.join(", ") })}</p> : null}
      {linkIds ? (
        <label className="mt-1 flex cursor-pointer items-center gap-2 text-sm">
          <input type="checkbox" name={linkIds.name} form={linkIds.formId} value={alert.id} defaultChecked={[linkIds.initialValue].flat().includes(alert.id)} />
          {t("link")}
        </label>
      ) : null}
    </li>
  );
}

import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { api } from "~/app/_trpc/server";
import { SelectField, TextField } from "~/app/_components/form";
import { byLabel, localized } from "~/app/_components/names";
import { Button, TextLink } from "~/app/_components/ui";
import { describeIssue, type FieldError } from "~/schemas/issues";
import { NOTICE_KINDS, TLP_LEVELS, type NoticeStatus } from "~/schemas/notice-enums";
import { FEED_PARAMS, FEED_SORTS, ZFeedFilters, type FeedFilters, type FeedSort } from "~/schemas/notices";

export type SearchParams = Record<string, string | string[] | undefined>;

const PARAMS = FEED_PARAMS;
type Param = keyof typeof PARAMS;

/** How the feed is shown: a dense line per notice (what analysts scan), or a card with its excerpt. */
export const FEED_VIEWS = ["list", "cards"] as const;
export type FeedView = (typeof FEED_VIEWS)[number];
/** The order and the view, kept in the address beside the filters; the defaults stay out of it. */
export type FeedDisplay = { sort?: FeedSort; view?: FeedView };

// Central Asia's other states and the neighbours on its precursor routes (with the member countries
// and those across a crossing: the countries the feed's filter offers).
const REGION = ["UZ", "TM", "AF", "RU", "MN", "PK", "IR"];

const FEED_STATUSES: NoticeStatus[] = ["published", "retracted", "pending_release", "draft"];

type Group = { label: string | null; options: { value: string; label: string }[] };
/** `countries`: every country, to check a link's value against; `nearbyCountries`: the ones the select offers. */
export type FilterOptions = { crossings: Group[]; countries: Group[]; nearbyCountries: Group[]; substances: Group[]; agencies: Group[] };

export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

// The reference lists, grouped and in the reader's language, that the selects offer and that
// a shared link's values are checked against.
export async function filterOptions(): Promise<FilterOptions> {
  const caller = await api();
  const [crossings, countries, substances, directory, locale, t, reference] = await Promise.all([
    caller.reference.crossings.list({}),
    caller.reference.countries.list(),
    caller.reference.substances.search({}),
    caller.agencies.directory(),
    getLocale(),
    getTranslations("feed.filters"),
    getTranslations("reference"),
  ]);
  // The select offers the member countries and the region around them: all 250 countries were
  // ~350 options in every feed page (twice: HTML and Server Components payload). Any other country
  // still filters through the address, and a link naming one keeps it selected.
  const nearby = new Set([...REGION, ...crossings.flatMap((c) => [c.country.code, c.neighbor.code])]);
  const grouped = <T,>(rows: T[], groupOf: (row: T) => string, option: (row: T) => { value: string; label: string }): Group[] => {
    const groups = new Map<string, Group>();
    for (const row of rows) {
      const label = groupOf(row);
      const group = groups.get(label) ?? { label, options: [] };
      groups.set(label, group);
      group.options.push(option(row));
    }
    return [...groups.values()];
  };
  const sortedGroups = (groups: Group[]) => groups.map((group) => ({ ...group, options: byLabel(group.options, locale) }));
  return {
    crossings: grouped(
      crossings,
      (c) => localized(c.country, locale),
      (c) => ({ value: c.id, label: localized(c.name, locale) }),
    ),
    // Only looked up (a link's country that the select does not offer), so left unsorted.
    countries: grouped(
      countries,
      (c) => (c.isMember ? t("memberCountries") : t("otherCountries")),
      (c) => ({ value: c.code, label: localized(c.name, locale) }),
    ),
    nearbyCountries: sortedGroups(
      grouped(
        countries.filter((c) => c.isMember || nearby.has(c.code)),
        (c) => (c.isMember ? t("memberCountries") : t("neighbourCountries")),
        (c) => ({ value: c.code, label: localized(c.name, locale) }),
      ),
    ),
    substances: grouped(
      substances,
      (s) => reference(`tables.${s.conventionTable}`),
      (s) => ({ value: s.id, label: localized(s.name, locale) }),
    ),
    agencies: directory.map((group) => ({
      label: group.country ? localized(group.country.name, locale) : t("international"),
      options: group.agencies.map((a) => ({ value: a.id, label: `${a.shortName} — ${localized(a.name, locale)}` })),
    })),
  };
}

const UNKNOWN: Partial<Record<Param, { list: keyof FilterOptions; key: string }>> = {
  crossing: { list: "crossings", key: "unknownCrossing" },
  country: { list: "countries", key: "unknownCountry" },
  substance: { list: "substances", key: "unknownSubstance" },
  agency: { list: "agencies", key: "unknownAgency" },
};

/**
 * The filters a feed address asks for. A value that is malformed or names nothing known is left
 * out of the query and reported next to its field: a mistyped shared link shows an explanation,
 * never an error page.
 */
export function readFeedParams(params: SearchParams, options: FilterOptions) {
  const values: Partial<Record<Param, string>> = {};
  const errors: Partial<Record<Param, FieldError>> = {};
  const accepted: Record<string, string> = {};
  for (const param of Object.keys(PARAMS) as Param[]) {
    const raw = firstParam(params[param]);
    if (!raw) continue;
    values[param] = raw;
    const parsed = ZFeedFilters.shape[PARAMS[param]].safeParse(param === "country" ? raw.toUpperCase() : raw);
    const known = UNKNOWN[param];
    if (!parsed.success) errors[param] = describeIssue(parsed.error.issues[0]!);
    else if (known && !options[known.list].some((group) => group.options.some((o) => o.value === parsed.data))) errors[param] = { key: known.key };
    else accepted[PARAMS[param]] = parsed.data as string;
  }
  return { filters: ZFeedFilters.parse(accepted), values, errors, active: Object.keys(accepted).length > 0, display: readDisplay(params) };
}

/** The order and view an address asks for; anything else is the default (a link's wording, not data). */
export function readDisplay(params: SearchParams): Required<FeedDisplay> {
  const sort = firstParam(params.sort);
  const view = firstParam(params.view);
  return {
    sort: FEED_SORTS.find((s) => s === sort) ?? "posted",
    view: FEED_VIEWS.find((v) => v === view) ?? "list",
  };
}

/** A filtered feed's address, in an order and view, optionally at a page further down. */
export function feedHref(path: string, filters: FeedFilters, cursor?: string | null, display: FeedDisplay = {}): string {
  const query = new URLSearchParams();
  for (const param of Object.keys(PARAMS) as Param[]) {
    const value = filters[PARAMS[param]];
    if (value) query.set(param, value);
  }
  if (display.sort && display.sort !== "posted") query.set("sort", display.sort);
  if (display.view && display.view !== "list") query.set("view", display.view);
  if (cursor) query.set("cursor", cursor);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** `offered`, plus the option of `value` from `all` when the address names one that is not offered. */
export function withCurrent(offered: Group[], all: Group[], value: string | undefined): Group[] {
  const code = value?.toUpperCase();
  if (!code || offered.some((group) => group.options.some((o) => o.value === code))) return offered;
  const current = all.flatMap((group) => group.options).find((o) => o.value === code);
  return current ? [...offered, { label: null, options: [current] }] : offered;
}

export function Choices({ groups }: { groups: Group[] }) {
  return groups.map((group) =>
    group.label ? (
      <optgroup key={group.label} label={group.label}>
        {group.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </optgroup>
    ) : (
      group.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))
    ),
  );
}

/**
 * The feed's filters as a plain GET form: submitting it loads /feed with the filters in the
 * address (shareable, and working with JavaScript off). It always starts again at the newest.
 * Rendered on the server only, with no client code (next/form would add its own to the feed's
 * chunk): with JavaScript too, applying filters loads the page afresh.
 */
export async function FeedFilterForm({
  values,
  errors,
  options,
  active,
  display = {},
}: {
  values: Partial<Record<Param, string>>;
  errors: Partial<Record<Param, FieldError>>;
  options: FilterOptions;
  active: boolean;
  display?: FeedDisplay;
}) {
  const [t, vocab] = await Promise.all([getTranslations("feed.filters"), getTranslations("vocab")]);
  const any = <option value="">{t("any")}</option>;
  // A vocabulary's values, named in the reader's language, after "any".
  const terms = (group: "kind" | "tlp", values: readonly string[]) => (
    <>
      {any}
      {values.map((value) => (
        <option key={value} value={value}>
          {vocab(`${group}.${value}`)}
        </option>
      ))}
    </>
  );
  const select = (param: Param, label: string, children: ReactNode) => (
    <SelectField name={param} label={label} defaultValue={values[param] ?? ""} error={errors[param]}>
      {children}
    </SelectField>
  );
  // A reference list, grouped, after "any"; each labelled as its parameter is named.
  const choices = (param: "crossing" | "country" | "substance" | "agency", groups: Group[]) =>
    select(
      param,
      t(param),
      <>
        {any}
        <Choices groups={groups} />
      </>,
    );
  // Folded on a phone, where the ten fields filled the first screen, unless a filter is in use or
  // wrong; from 768 px the content always shows (.feed-filters in app/globals.css).
  const open = active || Object.keys(errors).length > 0;
  return (
    <details className="feed-filters mb-4 rounded-lg border border-slate-200 bg-white shadow-sm" open={open || undefined}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">{t("label")}</summary>
      <form action="/feed" method="get" key={JSON.stringify(values)} className="p-3" aria-label={t("label")}>
        {display.sort && display.sort !== "posted" ? <input type="hidden" name="sort" value={display.sort} /> : null}
        {display.view && display.view !== "list" ? <input type="hidden" name="view" value={display.view} /> : null}
        <div className="grid grid-cols-2 items-end gap-x-3 gap-y-2 md:grid-cols-3 xl:grid-cols-5">
          {select("kind", t("kind"), terms("kind", NOTICE_KINDS))}
          {choices("crossing", options.crossings)}
          {choices("country", withCurrent(options.nearbyCountries, options.countries, values.country))}
          {choices("substance", options.substances)}
          {choices("agency", options.agencies)}
          {select("tlp", t("tlp"), terms("tlp", TLP_LEVELS))}
          {select(
            "status",
            t("status"),
            // Published is what the feed shows by default, so it is the first, empty choice.
            FEED_STATUSES.map((status) => (
              <option key={status} value={status === "published" ? "" : status}>
                {vocab(`status.${status}`)}
              </option>
            )),
          )}
          <div className="col-span-2 grid grid-cols-2 gap-2 md:col-span-1">
            <TextField name="from" type="date" label={t("from")} defaultValue={values.from ?? ""} error={errors.from} />
            <TextField name="to" type="date" label={t("to")} defaultValue={values.to ?? ""} error={errors.to} />
          </div>
          <div className="col-span-2 flex flex-wrap items-end gap-4 md:col-span-1">
            <Button type="submit">{t("apply")}</Button>
            {active || Object.keys(errors).length > 0 ? <TextLink href="/feed">{t("clear")}</TextLink> : null}
          </div>
        </div>
      </form>
    </details>
  );
}

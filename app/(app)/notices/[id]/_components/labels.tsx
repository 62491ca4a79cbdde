import "server-only";
import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { localized } from "~/app/_components/names";
import { api, orNotFound } from "~/app/_trpc/server";
import { ZNoticeId } from "~/schemas/notices";
import type { AppRouter } from "~/server/api/root";

export type NoticePage = inferRouterOutputs<AppRouter>["notices"]["get"];
export type Notice = NoticePage["notice"];
type Names = { en: string; ru: string; zh: string | null };

/**
 * The notice as this request's viewer may read it. Cached so that the page, its title and its
 * sections share one read (and one audit entry); a malformed id is as absent as an unknown one.
 */
export const loadNotice = cache(async (id: string) => {
  if (!ZNoticeId.safeParse(id).success) notFound();
  const caller = await api();
  return orNotFound(
    caller.notices.get({ id }).catch(async (error: unknown) => {
      // A duplicate merged away by moderation leads to the notice it became, for those who may read it.
      const merged = error instanceof TRPCError && error.code === "NOT_FOUND" ? await caller.moderation.redirect({ id }) : null;
      if (merged?.id) redirect(`/notices/${merged.id}`);
      throw error;
    }),
  );
});

/**
 * Everything the notice's sections need to show ids and codes as words in the reader's language
 * and dates in the reader's time zone (the request configuration carries it).
 */
export const noticeLabels = cache(async () => {
  const caller = await api();
  const [t, locale, format, timeZone, countries, directory, provisions] = await Promise.all([
    getTranslations(),
    getLocale(),
    getFormatter(),
    getTimeZone(),
    caller.reference.countries.list(),
    caller.agencies.directory(),
    caller.reference.provisions.list(),
  ]);
  const countryNames = new Map(countries.map((c) => [c.code, c.name]));
  // The directory lists active agencies; a notice may still name one switched off since.
  const agencyNames = new Map(directory.flatMap((group) => group.agencies).map((a) => [a.id, a.name]));
  const provisionsById = new Map(provisions.map((p) => [p.id, p]));
  return {
    t,
    locale,
    name: (names: Names) => localized(names, locale),
    country: (code: string) => {
      const names = countryNames.get(code);
      return names ? localized(names, locale) : code;
    },
    agency: (id: string) => {
      const names = agencyNames.get(id);
      return names ? localized(names, locale) : id;
    },
    /** A field of the notice as the reader calls it (version history names fields by key). */
    fieldName: (field: string) => (t.has(`notice.field.${field}`) ? t(`notice.field.${field}`) : field),
    provision: (id: string) => provisionsById.get(id) ?? null,
    /** A calendar date: the same day wherever the reader is. */
    date: (isoDate: string) => format.dateTime(new Date(`${isoDate}T00:00:00Z`), { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
    /** An instant, in the reader's time zone, with the zone named. */
    dateTime: (at: string | Date) =>
      format.dateTime(new Date(at), { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }),
    /** Today's date where the reader is, to tell whether a dated alert has expired. */
    today: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()),
    list: (items: string[]) => format.list(items, { type: "conjunction" }),
    number: (value: number, maximumFractionDigits = 3) => format.number(value, { maximumFractionDigits }),
  };
});

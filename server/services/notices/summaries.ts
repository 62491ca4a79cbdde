import { eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db } from "~/db/index";
import { agencies, countries, crossings, notices } from "~/db/schema";
import type { Locale } from "~/i18n/locales";
import type { Viewer } from "~/server/auth/sessions";
import { encodeCursor } from "./cursor";

// A list line of a notice, as the feed, search and pinned notices show it: the columns selected,
// and the summary built from each row kept for the page. Which rows are read is the reader's
// business (feed.ts, search.ts, moderation/pins.ts), each through the visibility rule.

/** A reference record's name in the reader's language, falling back to English (as `localized`). */
export function nameIn(locale: Locale, en: SQL | AnyPgColumn, ru: SQL | AnyPgColumn, zh: SQL | AnyPgColumn): SQL<string> {
  if (locale === "ru") return sql<string>`${ru}`;
  if (locale === "zh") return sql<string>`coalesce(${zh}, ${en})`;
  return sql<string>`${en}`;
}

/**
 * The columns of one list line, and nothing more: a summary never carries a person's name, a
 * release list or the full narrative. The feed and search both select exactly these. Names come
 * in the reader's language only: a page is read in one language, and every name column costs its
 * parsing on each of the page's lines.
 */
export function summaryColumns(locale: Locale) {
  return {
    id: notices.id,
    kind: notices.kind,
    title: notices.title,
    // Stored with the row (migration 0010): plain text, cut at a word.
    excerpt: notices.excerpt,
    occurredOn: notices.occurredOn,
    occurredAt: notices.occurredAt,
    publishedAt: notices.publishedAt,
    createdAt: notices.createdAt,
    crossingId: crossings.id,
    crossingName: nameIn(locale, crossings.nameEn, crossings.nameRu, crossings.nameZh),
    placeText: notices.placeText,
    countryCode: notices.countryCode,
    countryName: nameIn(locale, countries.nameEn, countries.nameRu, countries.nameZh),
    agencyId: agencies.id,
    agencyName: nameIn(locale, agencies.nameEn, agencies.nameRu, agencies.nameZh),
    agencyShortName: agencies.shortName,
    tlp: notices.tlp,
    status: notices.status,
    tags: notices.tags,
    // The facts of each kind come with the row, in the same round trip. PostgreSQL computes these
    // output expressions only for the rows it returns: after the LIMIT on an index walk, and after
    // the sort when it sorts (costly output expressions are evaluated last).
    //
    // A seizure's items in brief, kept with the row by a trigger (migration 0012): its substances
    // in item order, with each name a key lookup (joined, the reference table was hashed whole for
    // every line), whether any is unidentified, and the total mass.
    seizureSubstances: sql<[id: string, name: string][] | null>`CASE WHEN ${notices.kind} = 'seizure' THEN (
      SELECT coalesce(json_agg(json_build_array(u.id, (
        SELECT ${nameIn(locale, sql`s.name_en`, sql`s.name_ru`, sql`s.name_zh`)} FROM substances s WHERE s.id = u.id
      )) ORDER BY u.k), '[]')
      FROM unnest(${notices.substanceIds}) WITH ORDINALITY u(id, k)
    ) END`,
    seizureUnidentified: notices.seizureUnidentified,
    seizureMassKg: notices.seizureMassKg,
    company: sql<[name: string | null, expiresOn: string] | null>`CASE WHEN ${notices.kind} = 'company_alert' THEN (
      SELECT json_build_array(ca.names -> 0 ->> 'name', ca.expires_on) FROM company_alerts ca WHERE ca.notice_id = ${notices.id}
    ) END`,
    personCount: sql<
      number | null
    >`CASE WHEN ${notices.kind} = 'arrest' THEN (SELECT count(*)::int FROM arrest_persons ap WHERE ap.notice_id = ${notices.id}) END`,
  };
}

/** The notices table with what a list line names, in the reader's language: its agency, crossing and country. */
export function summarySource(locale: Locale) {
  return db
    .select(summaryColumns(locale))
    .from(notices)
    .innerJoin(agencies, eq(agencies.id, notices.agencyId))
    .leftJoin(crossings, eq(crossings.id, notices.crossingId))
    .leftJoin(countries, eq(countries.code, notices.countryCode))
    .$dynamic();
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySource>["execute"]>>[number];

/**
 * Cuts the extra row fetched to learn whether there is a next page, and builds the summaries.
 * `extra` adds per-notice fields (search snippets) computed for exactly the rows kept.
 */
export async function toPage<E extends object = Record<never, never>>(
  viewer: Viewer,
  rows: SummaryRow[],
  limit: number,
  sortValue: (row: SummaryRow) => Date | null,
  extra?: (ids: string[]) => Promise<Map<string, E>>,
) {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  const at = last ? sortValue(last) : null;
  const nextCursor = rows.length > limit && last && at ? encodeCursor({ at, id: last.id }) : null;
  const extras = extra && kept.length ? await extra(kept.map((r) => r.id)) : undefined;
  const today = todayIn(viewer.timeZone);
  return { items: kept.map((row) => ({ ...summarize(row, today), ...(extras?.get(row.id) as E) })), nextCursor };
}

export type SeizureSummary = { substances: { id: string; name: string }[]; unidentified: boolean; massKg: number | null };

/** A list line: an explicit shape, built from one row of the page. */
function summarize(row: SummaryRow, today: string) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    excerpt: row.excerpt ?? "",
    occurredOn: row.occurredOn,
    occurredAt: row.occurredAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    crossing: row.crossingId ? { id: row.crossingId, name: row.crossingName } : null,
    placeText: row.placeText,
    countryCode: row.countryCode,
    countryName: row.countryCode ? row.countryName : null,
    agency: { id: row.agencyId, name: row.agencyName, shortName: row.agencyShortName },
    tlp: row.tlp,
    status: row.status,
    tags: row.tags,
    seizure: row.seizureSubstances
      ? ({
          substances: row.seizureSubstances.map(([id, name]) => ({ id, name })),
          unidentified: row.seizureUnidentified,
          massKg: row.seizureMassKg,
        } satisfies SeizureSummary)
      : null,
    companyAlert: row.company ? { name: row.company[0], expiresOn: row.company[1], expired: row.company[1] < today } : null,
    arrest: row.personCount !== null ? { personCount: row.personCount } : null,
  };
}

export type NoticeSummary = ReturnType<typeof summarize>;

/** The reader's calendar date: an alert expires at the end of its last day where the reader is. */
function todayIn(timeZone: string): string {
  let format = calendarDates.get(timeZone);
  if (!format) calendarDates.set(timeZone, (format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return format.format(new Date());
}
// Building a formatter costs more than the rest of a list line; there are only so many time zones.
const calendarDates = new Map<string, Intl.DateTimeFormat>();

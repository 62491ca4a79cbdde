import { asc, desc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { escapeLike } from "~/db/escape-like";
import { db } from "~/db/index";
import { countries, criminalProvisions, crossings, substances } from "~/db/schema";
import { SUBSTANCE_LIMIT_MAX, type CrossingListInput, type ReferenceGetInput, type SubstanceSearchInput } from "~/schemas/reference";
import { CROSSING_COUNTRIES } from "~/schemas/reference-enums";
import type { Viewer } from "~/server/auth/sessions";
import { notFound } from "~/server/services/errors";

type Args<I> = { viewer: Viewer; input: I };

/** Sorts by the name the reader sees: Chinese names are optional and fall back to English, as on the pages. */
function nameInLocale(locale: Viewer["locale"], names: { en: AnyColumn; ru: AnyColumn; zh: AnyColumn }): SQL | AnyColumn {
  if (locale === "ru") return names.ru;
  if (locale === "zh") return sql`coalesce(${names.zh}, ${names.en})`;
  return names.en;
}

const neighbor = alias(countries, "neighbor_country");

const countryNames = { en: countries.nameEn, ru: countries.nameRu, zh: countries.nameZh };
const crossingNames = { en: crossings.nameEn, ru: crossings.nameRu, zh: crossings.nameZh };

// Both countries of a crossing come with their names in every language, for localized().
const crossingSummary = {
  id: crossings.id,
  name: crossingNames,
  country: { code: countries.code, ...countryNames },
  neighbor: { code: neighbor.code, en: neighbor.nameEn, ru: neighbor.nameRu, zh: neighbor.nameZh },
  kind: crossings.kind,
  modes: crossings.modes,
  elevationM: crossings.elevationM,
  status: crossings.status,
};
const ofCountry = eq(countries.code, crossings.countryCode);
const ofNeighbor = eq(neighbor.code, crossings.neighborCountryCode);

export async function listCrossings({ viewer, input }: Args<CrossingListInput>) {
  return db
    .select(crossingSummary)
    .from(crossings)
    .innerJoin(countries, ofCountry)
    .innerJoin(neighbor, ofNeighbor)
    .where(input.country ? eq(crossings.countryCode, input.country) : undefined)
    .orderBy(
      sql`array_position(array[${sql.join(
        CROSSING_COUNTRIES.map((code) => sql`${code}`),
        sql`, `,
      )}]::text[], ${crossings.countryCode}::text)`,
      asc(crossings.kind),
      asc(nameInLocale(viewer.locale, crossingNames)),
    );
}

export async function getCrossing({ input }: Args<ReferenceGetInput>) {
  const [row] = await db
    .select({
      ...crossingSummary,
      neighborPortEn: crossings.neighborPortEn,
      latitude: crossings.latitude,
      longitude: crossings.longitude,
      coordsVerified: crossings.coordsVerified,
      scheduleNote: crossings.scheduleNote,
      scheduleNoteRu: crossings.scheduleNoteRu,
      scheduleNoteZh: crossings.scheduleNoteZh,
      notes: crossings.notes,
      notesRu: crossings.notesRu,
      notesZh: crossings.notesZh,
      risk2005: crossings.risk2005,
      traffic2005: crossings.traffic2005,
      traffic2005Ru: crossings.traffic2005Ru,
      traffic2005Zh: crossings.traffic2005Zh,
      controls2005: crossings.controls2005,
      controls2005Ru: crossings.controls2005Ru,
      controls2005Zh: crossings.controls2005Zh,
    })
    .from(crossings)
    .innerJoin(countries, ofCountry)
    .innerJoin(neighbor, ofNeighbor)
    .where(eq(crossings.id, input.id));
  if (!row) throw notFound();
  return row;
}

const substanceNames = { en: substances.nameEn, ru: substances.nameRu, zh: substances.nameZh };

/**
 * The glossary search. `search_text` holds every name, alias and code lower-cased, so one
 * substring test covers all of them in any script; the trigram index serves it. Misspellings
 * are caught by word similarity rather than plain similarity: `search_text` is long (all names
 * at once), so a misspelt name is close to one of its words but never to the whole string.
 * A name, alias or code equal to the query, then one starting with it, ranks first.
 */
export async function searchSubstances({ viewer, input }: Args<SubstanceSearchInput>) {
  const q = (input.q ?? "").toLowerCase().replace(/\s+/g, " ");
  const byName = [asc(substances.conventionTable), asc(nameInLocale(viewer.locale, substanceNames))];
  const query = db
    .select({
      id: substances.id,
      name: substanceNames,
      conventionTable: substances.conventionTable,
      cas: substances.cas,
      hsCode: substances.hsCode,
      illicitUse: substances.illicitUse,
      illicitUseRu: substances.illicitUseRu,
      illicitUseZh: substances.illicitUseZh,
    })
    .from(substances)
    .limit(input.limit ?? SUBSTANCE_LIMIT_MAX);
  if (!q) return query.orderBy(...byName);

  const contains = `%${escapeLike(q)}%`;
  const names = sql`unnest(array[${substances.nameEn}, ${substances.nameRu}, ${substances.nameZh}, ${substances.cas}, ${substances.hsCode}] || ${substances.aliases}) as term(name)`;
  const rank = sql`case
    when exists (select 1 from ${names} where lower(term.name) = ${q}) then 0
    when exists (select 1 from ${names} where lower(term.name) like ${`${escapeLike(q)}%`}) then 1
    when ${substances.searchText} ilike ${contains} then 2
    else 3 end`;
  return query
    .where(sql`(${substances.searchText} ilike ${contains} or ${q} <% ${substances.searchText})`)
    .orderBy(rank, desc(sql`word_similarity(${q}, ${substances.searchText})`), ...byName);
}

export async function getSubstance({ input }: Args<ReferenceGetInput>) {
  const [row] = await db
    .select({
      id: substances.id,
      name: substanceNames,
      conventionTable: substances.conventionTable,
      groupName: substances.groupName,
      aliases: substances.aliases,
      cas: substances.cas,
      hsCode: substances.hsCode,
      illicitUse: substances.illicitUse,
      illicitUseRu: substances.illicitUseRu,
      illicitUseZh: substances.illicitUseZh,
      licitUses: substances.licitUses,
      licitUsesRu: substances.licitUsesRu,
      licitUsesZh: substances.licitUsesZh,
      controlHistory: substances.controlHistory,
      controlHistoryRu: substances.controlHistoryRu,
      controlHistoryZh: substances.controlHistoryZh,
      densityGPerMl: substances.densityGPerMl,
    })
    .from(substances)
    .where(eq(substances.id, input.id));
  if (!row) throw notFound();
  return row;
}

/** Member countries first (they are the ones users pick most), then the rest by the reader's name for them. */
export async function listCountries({ viewer }: { viewer: Viewer }) {
  return db
    .select({ code: countries.code, name: countryNames, isMember: countries.isMember })
    .from(countries)
    .orderBy(desc(countries.isMember), asc(nameInLocale(viewer.locale, countryNames)));
}

/** Provisions in force first within each country, since a new arrest is charged under those. */
export async function listProvisions() {
  return db
    .select({
      id: criminalProvisions.id,
      countryCode: criminalProvisions.countryCode,
      code: criminalProvisions.code,
      codeRu: criminalProvisions.codeRu,
      codeZh: criminalProvisions.codeZh,
      article: criminalProvisions.article,
      inForce: criminalProvisions.inForce,
      titleEn: criminalProvisions.titleEn,
      titleRu: criminalProvisions.titleRu,
      titleZh: criminalProvisions.titleZh,
      penaltySummary: criminalProvisions.penaltySummary,
      penaltySummaryRu: criminalProvisions.penaltySummaryRu,
      penaltySummaryZh: criminalProvisions.penaltySummaryZh,
      sourceNote: criminalProvisions.sourceNote,
      sourceNoteRu: criminalProvisions.sourceNoteRu,
      sourceNoteZh: criminalProvisions.sourceNoteZh,
      verification: criminalProvisions.verification,
      verificationRu: criminalProvisions.verificationRu,
      verificationZh: criminalProvisions.verificationZh,
    })
    .from(criminalProvisions)
    .orderBy(asc(criminalProvisions.countryCode), desc(criminalProvisions.inForce), asc(criminalProvisions.id));
}

import { and, asc, desc, eq, ilike, ne, or, sql } from "drizzle-orm";
import { escapeLike } from "~/db/escape-like";
import { db } from "~/db/index";
import { agencies, countries, criminalProvisions, crossings, substances, users } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";

const names = <E, R, Z>(table: { nameEn: E; nameRu: R; nameZh: Z }) => ({ en: table.nameEn, ru: table.nameRu, zh: table.nameZh });

/** A provision's title in the reader's language, English where it has no translation: the form lists eight, so it is chosen here. */
function titleInLocale(locale: Viewer["locale"]) {
  const translated = locale === "ru" ? criminalProvisions.titleRu : locale === "zh" ? criminalProvisions.titleZh : null;
  return translated ? sql<string>`coalesce(nullif(${translated}, ''), ${criminalProvisions.titleEn})` : criminalProvisions.titleEn;
}

/**
 * Everything the notice form chooses from, one query per list. Lists come in a stable order;
 * the form sorts them by the name the reader sees, which only the reader's locale can collate.
 */
export async function noticeFormOptions({ viewer }: { viewer: Viewer }) {
  const [crossingRows, substanceRows, agencyRows, memberRows, countryRows, provisionRows] = await Promise.all([
    db
      .select({ id: crossings.id, names: names(crossings), countryCode: crossings.countryCode })
      .from(crossings)
      .orderBy(asc(crossings.countryCode), asc(crossings.id)),
    db
      .select({ id: substances.id, names: names(substances), cas: substances.cas })
      .from(substances)
      .orderBy(asc(substances.id)),
    // Only active agencies can receive a release; the service refuses any other.
    db
      .select({ id: agencies.id, names: names(agencies), shortName: agencies.shortName, countryCode: agencies.countryCode })
      .from(agencies)
      .where(eq(agencies.active, true))
      .orderBy(asc(agencies.countryCode), asc(agencies.shortName)),
    db
      .select({ code: countries.code, names: names(countries) })
      .from(countries)
      .where(eq(countries.isMember, true))
      .orderBy(asc(countries.code)),
    db
      .select({ code: countries.code, names: names(countries) })
      .from(countries)
      .orderBy(asc(countries.code)),
    db
      .select({
        id: criminalProvisions.id,
        countryCode: criminalProvisions.countryCode,
        article: criminalProvisions.article,
        title: titleInLocale(viewer.locale),
        inForce: criminalProvisions.inForce,
      })
      .from(criminalProvisions)
      .orderBy(asc(criminalProvisions.countryCode), desc(criminalProvisions.inForce), asc(criminalProvisions.id)),
  ]);
  return {
    crossings: crossingRows,
    substances: substanceRows,
    agencies: agencyRows,
    memberCountries: memberRows,
    countries: countryRows,
    provisions: provisionRows,
    ownAgencyId: viewer.agencyId,
  };
}

export type NoticeFormOptions = Awaited<ReturnType<typeof noticeFormOptions>>;

export const RECIPIENT_OPTIONS_MAX = 20;

/**
 * People a RED notice can be addressed to: active users of active agencies (the only ones who
 * can sign in to read it), found by name or email. The author reads their own notice anyway.
 */
export async function recipientOptions({ viewer, input }: { viewer: Viewer; input: { q: string } }) {
  const pattern = `%${escapeLike(input.q.trim())}%`;
  return db
    .select({ id: users.id, name: users.name, email: users.email, agencyId: agencies.id, agencyShortName: agencies.shortName })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.status, "active"), eq(agencies.active, true), ne(users.id, viewer.userId), or(ilike(users.name, pattern), ilike(users.email, pattern))))
    .orderBy(asc(users.name), asc(users.email))
    .limit(RECIPIENT_OPTIONS_MAX);
}

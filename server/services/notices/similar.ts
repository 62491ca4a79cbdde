import { and, arrayOverlaps, desc, eq, ne, or, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { companyAlerts, notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";

export const SIMILAR_COMPANIES_MAX = 10;

// Two characters still make trigrams (pg_trgm pads words) and a Chinese company name can be that short.
const MIN_TERM_LENGTH = 2;

type SimilarCompaniesInput = { names: string[]; registrationNumbers: string[]; owners: string[] };

/**
 * Company alerts the viewer can already read that look like the one being written: a name, owner
 * or registration number close to what the alert's names hold (word similarity, since
 * `search_names` holds every name, owner and number of the alert at once and a misspelt name is
 * close to a part of it, never to the whole), or a registration number equal to one of its own.
 * The visibility rule is part of the query, so an alert the viewer may not read never shows up,
 * not even as a count. Retracted alerts are not offered: they are not something to link to.
 */
export async function similarCompanies({ viewer, input }: { viewer: Viewer; input: SimilarCompaniesInput }) {
  const clean = (values: string[]) => [...new Set(values.map((v) => v.trim().replace(/\s+/g, " ")).filter((v) => v.length >= MIN_TERM_LENGTH))];
  const registrationNumbers = clean(input.registrationNumbers);
  const terms = [...new Set([...clean(input.names), ...clean(input.owners), ...registrationNumbers])];
  if (!terms.length) return [];

  const sameNumber = registrationNumbers.length ? arrayOverlaps(companyAlerts.registrationNumbers, registrationNumbers) : undefined;
  const similarity = sql<number>`greatest(${sql.join(
    terms.map((term) => sql`word_similarity(${term}, ${notices.searchNames})`),
    sql`, `,
  )}${sameNumber ? sql`, CASE WHEN ${sameNumber} THEN 1 ELSE 0 END` : sql``})::real`;

  return db
    .select({
      id: notices.id,
      title: notices.title,
      status: notices.status,
      tlp: notices.tlp,
      names: companyAlerts.names,
      owners: companyAlerts.owners,
      registrationNumbers: companyAlerts.registrationNumbers,
      expiresOn: companyAlerts.expiresOn,
      similarity,
    })
    .from(notices)
    .innerJoin(companyAlerts, eq(companyAlerts.noticeId, notices.id))
    .where(
      and(
        eq(notices.kind, "company_alert"),
        ne(notices.status, "retracted"),
        visibleTo(viewer),
        // `<%` is word similarity above pg_trgm's threshold, and is what the trigram index serves.
        or(...terms.map((term) => sql`${term} <% ${notices.searchNames}`), sameNumber),
      ),
    )
    .orderBy(desc(similarity), desc(notices.createdAt))
    .limit(SIMILAR_COMPANIES_MAX);
}

import { sql } from "drizzle-orm";
import { arrayLiteral } from "~/db/array-literal";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { MatchedNotice } from "~/schemas/screening";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";

/**
 * What the notices say about a declaration's lines, one statement per kind of evidence for every
 * line at once, each probing an index per distinct key and reading only notices that pass the
 * visibility rule: a notice the screener may not read matches nothing. Only published notices
 * count (a retracted one was withdrawn); company alerts only until they expire.
 */

const noticeColumns = sql`${notices.id} AS id, ${notices.title} AS title, ${notices.tlp} AS tlp, ${notices.kind} AS kind`;
const published = sql`${notices.status} = 'published'`;

/**
 * Seizures declared as one of the phrases (by `declared_words`, migration 0025), one readable
 * seizure per phrase: the first in the index's order that the screener may read.
 */
export async function declaredAsMatches(viewer: Viewer, phrases: { line: number; text: string }[]) {
  if (!phrases.length) return [];
  return db.execute<MatchedNotice & { line: number; phrase: string; declaredAs: string }>(sql`
    WITH phrase AS MATERIALIZED (
      SELECT p.line, p.text, declared_words(p.text) AS words
      FROM unnest(${arrayLiteral(phrases.map((p) => p.line))}::int[], ${arrayLiteral(phrases.map((p) => p.text))}::text[]) AS p(line, text)
    ), found AS (
      SELECT k.words, m.* FROM (SELECT DISTINCT words FROM phrase WHERE words <> '') k
      CROSS JOIN LATERAL (
        SELECT ${noticeColumns}, sd.declared_as AS "declaredAs"
        FROM seizure_details sd JOIN ${notices} ON ${notices.id} = sd.notice_id
        WHERE sd.declared_as IS NOT NULL AND declared_words(sd.declared_as) = k.words AND ${published} AND ${visibleTo(viewer)}
        ORDER BY sd.notice_id LIMIT 1
      ) m
    )
    SELECT DISTINCT ON (phrase.line, found.id) phrase.line, phrase.text AS phrase, found.id, found.title, found.tlp, found.kind, found."declaredAs"
    FROM phrase JOIN found USING (words)
    ORDER BY phrase.line, found.id, length(phrase.text) DESC`);
}

/**
 * Seizures and active company alerts that carry one of the identifier keys (plates, wagon and
 * container numbers, registration numbers as `identifierKey` writes them into
 * `search_identifiers`): found through the search index, confirmed on the identifiers alone (the
 * index also holds the title and narrative), newest first, a few per key.
 */
export async function identifierMatches(viewer: Viewer, keys: string[], today: string) {
  if (!keys.length) return [];
  return db.execute<
    MatchedNotice & { key: string; conveyanceIds: string[] | null; registrationNumbers: string[] | null; recommendedAction: string | null }
  >(sql`
    SELECT k.key, m.* FROM (SELECT DISTINCT key FROM unnest(${arrayLiteral(keys)}::text[]) AS k(key)) k
    CROSS JOIN LATERAL (
      SELECT ${noticeColumns}, sd.conveyance_ids AS "conveyanceIds", ca.registration_numbers AS "registrationNumbers",
             ca.recommended_action AS "recommendedAction"
      FROM ${notices}
      LEFT JOIN seizure_details sd ON sd.notice_id = ${notices.id}
      LEFT JOIN company_alerts ca ON ca.notice_id = ${notices.id}
      WHERE ${notices.searchVector} @@ plainto_tsquery('simple', k.key)
        AND to_tsvector('simple', ${notices.searchIdentifiers}) @@ plainto_tsquery('simple', k.key)
        AND ${published}
        AND (${notices.kind} = 'seizure' OR (${notices.kind} = 'company_alert' AND ca.expires_on >= ${today}::date))
        AND ${visibleTo(viewer)}
      ORDER BY ${notices.publishedAt} DESC NULLS LAST LIMIT 3
    ) m`);
}

// Legal forms say nothing about who a company is, and they are most of a short name's trigrams:
// «ТОО», "LLP", "Co., Ltd.", 有限公司 are taken out of both names before they are compared.
// Separators are spelt out (not \m, [:alnum:]), so the comparison does not depend on the locale.
const SEPARATOR = `[[:space:]«»"“”„'().,]`;
const LEGAL_FORMS = `(^|${SEPARATOR})(llc|llp|ltd|limited|inc|corp|co|jsc|ojsc|cjsc|pjsc|gmbh|ооо|осоо|тоо|оао|зао|пао|ао|ип|чп)(?=$|${SEPARATOR})`;
const core = (name: unknown) =>
  sql`btrim(regexp_replace(regexp_replace(regexp_replace(lower(${name}), ${LEGAL_FORMS}, '\\1 ', 'g'), '股份有限公司|有限责任公司|有限公司|公司', ' ', 'g'), ${`${SEPARATOR}+`}, ' ', 'g'))`;

/** How alike a name must be to an alert's (pg_trgm similarity of the two without legal forms). */
export const NAME_SIMILARITY_MIN = 0.5;

/**
 * Active company alerts whose names (any script) are close to a party's name: candidates through the
 * trigram index on the alert's names (word similarity, as similar-company suggestions find them),
 * kept when one of the alert's own names is close to the whole party name.
 */
export async function companyNameMatches(viewer: Viewer, names: string[], today: string) {
  // Each name walks the trigram index (the costliest probe of a screening, ~15 ms a name at 200,000
  // notices): a few statements side by side, one per connection, rather than one long one.
  const distinct = [...new Set(names)];
  if (!distinct.length) return [];
  const size = Math.ceil(distinct.length / NAME_STATEMENTS);
  const chunks = Array.from({ length: Math.ceil(distinct.length / size) }, (_, i) => distinct.slice(i * size, (i + 1) * size));
  return (await Promise.all(chunks.map((chunk) => companyNamesOf(viewer, chunk, today)))).flat();
}

const NAME_STATEMENTS = 4;

function companyNamesOf(viewer: Viewer, names: string[], today: string) {
  return db.execute<MatchedNotice & { term: string; alertName: string; score: number; recommendedAction: string }>(sql`
    SELECT t.term, m.* FROM (
      SELECT term, ${core(sql`term`)} AS core FROM (SELECT DISTINCT term FROM unnest(${arrayLiteral(names)}::text[]) AS t(term)) d
    ) t
    CROSS JOIN LATERAL (
      SELECT ${noticeColumns}, best.name AS "alertName", best.score::real AS score, ca.recommended_action AS "recommendedAction"
      FROM ${notices} JOIN company_alerts ca ON ca.notice_id = ${notices.id}
      CROSS JOIN LATERAL (
        SELECT x ->> 'name' AS name, similarity(${core(sql`x ->> 'name'`)}, t.core) AS score
        FROM jsonb_array_elements(ca.names) x ORDER BY 2 DESC LIMIT 1
      ) best
      WHERE t.core <% ${notices.searchNames} AND ${notices.kind} = 'company_alert' AND ${published}
        AND ca.expires_on >= ${today}::date AND best.score >= ${NAME_SIMILARITY_MIN} AND ${visibleTo(viewer)}
      ORDER BY best.score DESC, ${notices.publishedAt} DESC NULLS LAST LIMIT 3
    ) m
    WHERE length(t.core) >= 3`);
}

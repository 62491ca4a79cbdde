import { and, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { SearchFilters, ZSearchInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";
import { entityFilters, recognise, stemWords } from "./entities";
import { feedQuery, isValueIndependent, joinsSubstances, listFeed, newestFirst, olderThan, type FeedInput } from "./feed";
import { summarySource, toPage } from "./summaries";
import { queryIdentifierKey } from "./identifiers";
import { facetSample, facetsStatement, filterConditions, filterNames, searchFacets, type FacetOptions } from "./search-facets";
import { snippets, type SnippetPart } from "./snippets";
import { suggest } from "./suggest";

export type SearchInput = z.infer<typeof ZSearchInput>;

// Chinese (and other CJK) text has no spaces: the index holds its runs as pairs of characters
// (cjk_bigrams, migration 0007), and a CJK part of a query is looked up the same way.
export const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/**
 * How a page of results is found: by walking the notices newest first and keeping those that
 * match, which is fast when matches are dense (a page within a few hundred notices) and ruinous
 * when they are rare (the whole table); or by reading every match from the search index and
 * sorting them, the other way round. PostgreSQL's own choice goes wrong both ways here: it takes
 * the words of a query as independent, so "corn oil" (words that always come together) was
 * estimated at 1,100 notices against 30,000 at 1M, while words that seldom meet are
 * overestimated. The search decides from two bounds on the matches: the rarest term (no more
 * notices match than contain it) and the product of the terms' shares (what independence
 * gives). A query is common only when both are high. Measured at 1M notices: the walk wins from
 * about 1% of the notices (10,000) on.
 */
const COMMON_MATCHES = 10_000;
const COMMON_INDEPENDENT_MATCHES = 1_000;
// A word of the query also matches up to this many known name words close to it (misspellings).
const SPELLINGS_PER_WORD = 5;
export const MAX_SPELLED_WORDS = 8;
// Quotes, parentheses, "or" and a leading minus are websearch syntax: such a query is taken as written.
const WEBSEARCH_SYNTAX = /["()]|(^|\s)-|(^|\s)or(\s|$)/i;
export const WORDS = /[\p{L}\p{N}]+/gu;
// Only a word of four letters or more is looked up for its spellings: a shorter one shares a
// trigram with thousands of name words (and costs a search tens of milliseconds for nothing), and
// a word with a digit is part of a number or a plate, which is written, not spelt.
const MISSPELLABLE = /^\p{L}{4,}$/u;

export type SearchPlan = "newest_first" | "matches_first";
/** `corrections`: for a word no readable notice names, the closest known name word (a "did you mean"). */
export type PreparedSearch = { tsquery: SQL; plan: SearchPlan; corrections: Map<string, string> };

/** A lexeme for to_tsquery, quoted so that nothing in it reads as an operator. */
export const lexeme = (word: string) => `'${word.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;

/** A CJK run as the phrase of its pairs; a single character is no pair: it matches the pairs (and words) that start with it. */
export const cjkQuery = (run: string) => (run.length > 1 ? sql`phraseto_tsquery('simple', cjk_bigrams(${run}))` : sql`to_tsquery('simple', ${`${run}:*`})`);

/** The overlapping character pairs of a CJK run, as cjk_bigrams() indexes them. */
const pairs = (run: string) => Array.from({ length: [...run].length - 1 }, (_, i) => [...run].slice(i, i + 2).join(""));

type Term = { alternatives: string[]; share: number };
type WordStats = { notices: number; shares: Map<string, number> };

// ANALYZE refreshes these; reading them costs more than a search's own lookups, so each process
// keeps them for a while (a stale figure only ever picks the slower of two correct plans).
const WORD_STATS_TTL_MS = 10 * 60_000;
let wordStats: { at: number; stats: Promise<WordStats> } | undefined;

/**
 * The frequent words of the notices everyone may read, each with its share of them, as ANALYZE
 * sampled them (the statistics object notices_public_words, migration 0013), and the number of
 * all notices. A word's share of the readable notices stands for its share of all: what drafts,
 * AMBER and RED notices contain must not move a search, which would then answer differently for
 * a word that only they contain. (The view shows statistics to the table's owner only, the role
 * the app and its migrations run as.)
 */
function frequentWords(): Promise<WordStats> {
  if (!wordStats || Date.now() - wordStats.at > WORD_STATS_TTL_MS) {
    const stats = db
      .execute<{ word: string | null; share: number; notices: number }>(
        sql`
        SELECT e.word, e.share::float8 AS share, (SELECT reltuples::float8 FROM pg_class WHERE oid = 'notices'::regclass) AS notices
        FROM pg_stats_ext_exprs s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, share)
        WHERE s.schemaname = current_schema() AND s.tablename = 'notices' AND s.statistics_name = 'notices_public_words'`,
      )
      .then((rows) => ({
        notices: Math.max(rows[0]?.notices ?? 0, 0),
        shares: new Map(rows.flatMap((row) => (row.word === null ? [] : [[row.word, row.share] as const]))),
      }));
    wordStats = { at: Date.now(), stats };
    stats.catch(() => (wordStats = undefined));
  }
  return wordStats.stats;
}

/**
 * For each word, its stem (the search vector holds the stems of every word, migration 0020: any
 * Russian case form or English inflection finds the others), the known name words close to it
 * (pg_trgm on the small search_words table: "Tainshan" → "Tianshan"), and for each term the share of notices that contain it or one of its
 * alternatives (a word missing from the statistics is rarer than any listed). Only a word that is
 * neither frequent nor a known name is looked up: it is likely misspelt, and a lookup costs a few
 * milliseconds. Both the statistics and the vocabulary hold only what everyone may read, so a
 * word that only unreadable notices contain takes the same steps, and gets the same spellings,
 * as a word that occurs nowhere.
 */
async function terms(words: string[], exact: string[]): Promise<{ terms: Term[]; notices: number; corrections: Map<string, string> }> {
  const [stats, stems] = await Promise.all([frequentWords(), stemWords(words)]);
  const unknown = words.filter((word) => !stats.shares.has(word) && MISSPELLABLE.test(word));
  const close = unknown.length
    ? await db.execute<{ word: string; close: string[] | null }>(sql`
        SELECT q.word, CASE WHEN EXISTS (SELECT 1 FROM search_words s WHERE s.word = q.word) THEN NULL
                            ELSE (SELECT array_agg(c) FROM close_words(q.word, ${SPELLINGS_PER_WORD}) c) END AS close
        FROM unnest(string_to_array(${unknown.join(" ")}, ' ')) AS q(word)`)
    : [];
  const closeTo = new Map(close.map((row) => [row.word, row.close ?? []]));
  const all = [
    ...words.map((word, i) => ({ alternatives: [...new Set([word, ...(stems[i] ? [stems[i]] : []), ...(closeTo.get(word) ?? [])])] })),
    ...exact.map((pair) => ({ alternatives: [pair] })),
  ];
  return {
    terms: all.map((term) => ({ ...term, share: term.alternatives.reduce((sum, w) => sum + (stats.shares.get(w) ?? 0), 0) })),
    notices: stats.notices,
    corrections: new Map(close.flatMap((row) => (row.close?.[0] ? [[row.word, row.close[0]] as const] : []))),
  };
}

/**
 * The query as a tsquery — each ordinary word or its stem or one of its spellings, each CJK run as
 * the phrase of its pairs, or else the whole query as one identifier (identifiers.ts) — and the
 * plan to run it with (see COMMON_MATCHES). The estimate is drawn from the notices everyone may
 * read, and only ever chooses a plan: nothing of it reaches the viewer.
 */
export async function prepareSearch(q: string): Promise<PreparedSearch> {
  const rest = q.replace(CJK_RUNS, " ");
  const runs = [...q.matchAll(CJK_RUNS)].map(([run]) => run);
  const syntax = WEBSEARCH_SYNTAX.test(rest);
  const words = syntax ? [] : [...new Set(rest.toLowerCase().match(WORDS) ?? [])].slice(0, MAX_SPELLED_WORDS);
  const { terms: found, notices, corrections } = await terms(words, runs.flatMap(pairs));

  const parts: SQL[] = [];
  // 'simple': the lexemes as given (words, and stems that are already stems), in any language alike.
  if (syntax) parts.push(sql`websearch_to_tsquery('simple', ${rest})`);
  const spelled = found.slice(0, words.length);
  if (spelled.length) parts.push(sql`to_tsquery('simple', ${spelled.map((t) => `(${t.alternatives.map(lexeme).join(" | ")})`).join(" & ")})`);
  parts.push(...runs.map(cjkQuery));
  // Queries the statistics cannot judge (websearch syntax, a single CJK character) count as rare.
  const judged = !syntax && !runs.some((run) => run.length === 1) && found.length > 0;
  const rarest = judged ? Math.min(...found.map((t) => t.share)) * notices : 0;
  const independent = judged ? found.reduce((product, t) => product * t.share, 1) * notices : 0;
  // An identifier is an alternative to the words: it is common when either is (a declared HS code
  // such as a paint thinner's is in thousands of seizures).
  const key = syntax ? null : queryIdentifierKey(q);
  const keyed = key ? ((await frequentWords()).shares.get(key) ?? 0) * notices : 0;
  const common = (rarest >= COMMON_MATCHES && independent >= COMMON_INDEPENDENT_MATCHES) || keyed >= COMMON_MATCHES;
  const tsquery = parts.length ? sql.join(parts, sql` && `) : sql`''::tsquery`;
  return {
    tsquery: key ? sql`(${tsquery}) || to_tsquery('simple', ${lexeme(key)})` : tsquery,
    plan: common ? "newest_first" : "matches_first",
    corrections,
  };
}

const released = sql`${notices.status} IN ('published', 'retracted')`;
export const matching = (tsquery: SQL) => sql`${notices.searchVector} @@ (${tsquery})`;

/**
 * The notices matching a prepared query, in the form its plan needs (see COMMON_MATCHES). A common
 * query's condition is hidden from the search index (IS TRUE), leaving the ordered walk. A rare
 * query's is plain, its matches sorted in an order no index yields (`sortedNewestFirst`, also in a
 * generic plan, blind to how rare the query is): the search index is the only way to them, and each
 * is read once, every condition tested on that visit (an array of their ids, before, read each twice).
 */
export function matchCondition({ tsquery, plan }: PreparedSearch): SQL {
  const match = matching(tsquery);
  return plan === "newest_first" ? sql`(${match}) IS TRUE` : match;
}

/**
 * Newest first, the order of the feed indexes, written as an expression that no index yields
 * (adding nothing to the time changes no value, nor the order): the matches of a rare query are
 * gathered from the search index and then sorted, never found by walking all notices in order.
 */
export function sortedNewestFirst(): SQL[] {
  return [sql`(${notices.publishedAt} + interval '0 s') desc nulls last`, sql`${notices.id} desc nulls last`];
}

/** The order of a search's matches, newest first, as its plan reads them. */
const newestMatchesFirst = ({ plan }: PreparedSearch) => (plan === "matches_first" ? sortedNewestFirst() : newestFirst(notices.publishedAt));

/** Released notices the viewer may read, matching the query and the filters. */
export function searchConditions(viewer: Viewer, filters: SearchFilters, prepared: PreparedSearch | null): SQL {
  // Without words, the filters alone: the feed's notices (a retracted one is found by its words).
  const status = prepared ? released : sql`${notices.status} = 'published'`;
  return and(status, visibleTo(viewer), prepared ? matchCondition(prepared) : undefined, ...filterConditions(filters))!;
}

/** The search's SQL, exposed for EXPLAIN in tests and the benchmark. */
export function searchQuery(viewer: Viewer, input: SearchInput, prepared: PreparedSearch) {
  const conditions = and(searchConditions(viewer, input.filters, prepared), input.sort === "date" ? olderThan(notices.publishedAt, input.cursor) : undefined)!;
  // Best first: title and names (weight A) count more than the narrative; ties newest first.
  const order = [...(input.sort === "date" ? [] : [sql`ts_rank(${notices.searchVector}, ${prepared.tsquery}) desc`]), ...newestMatchesFirst(prepared)];
  const offset = input.sort === "date" ? 0 : (input.offset ?? 0);
  const limit = input.limit + 1;
  if (prepared.plan === "newest_first")
    return summarySource(viewer.locale)
      .where(conditions)
      .orderBy(...order)
      .offset(offset)
      .limit(limit);
  // A rare query's matches are sorted: the page's ids are chosen among them first, from the
  // notices alone, and only the page's rows are joined to what a list line names (joined before
  // the sort, every match was). Inside, "notices" is the subquery's own table.
  const ids = sql`ARRAY(SELECT ${notices.id} FROM ${notices} WHERE ${conditions} ORDER BY ${sql.join(order, sql`, `)} OFFSET ${offset} LIMIT ${limit})`;
  return summarySource(viewer.locale)
    .where(sql`${notices.id} = ANY(${ids})`)
    .orderBy(...order)
    .limit(limit);
}

/**
 * Notices matching `q` that the viewer may read, with what the page shows around them: the things
 * the query names (each a filter), the count and facets of the matches, and a spelling suggestion.
 * A query that only names things is the feed with their filters. Snippets are computed only for
 * the page's rows, which already passed the visibility rule, so nothing of an unreadable notice
 * ever reaches ts_headline's output.
 */
export async function searchNotices({ viewer, input }: { viewer: Viewer; input: SearchInput }) {
  const { entities, rest, filters, prepared } = await understand(viewer, input);
  const page = prepared ? await textPage(viewer, { ...input, filters }, prepared, rest) : await feedPage(viewer, { ...input, filters });
  const [summary, suggestion, filterNamed] = await Promise.all([
    searchFacets(viewer, searchConditions(viewer, filters, prepared), facetOptions(filters, prepared)),
    suggest(input.q, rest, page.items.length > 0, prepared?.corrections),
    filterNames(viewer.locale, input.filters),
  ]);
  return { ...page, entities, filters, filterNames: filterNamed, ...summary, suggestion };
}

/** What a query names (as filters, beside the page's own, which win) and the rest of it as words. */
async function understand(viewer: Viewer, input: SearchInput) {
  const { entities, rest } = await recognise(input.q, viewer.locale, input.filters, input.asWords);
  const filters: SearchFilters = { ...entityFilters(entities), ...input.filters };
  return { entities, rest, filters, prepared: rest ? await prepareSearch(rest) : null };
}

/**
 * A substance named without words is walked through its own index when the feed would join it
 * (joinsSubstances); a query that only names things, and a common query, count fewer of their
 * newest matches, the ones walked (search-facets.ts); the matches are read in their plan's order.
 */
const facetOptions = (filters: SearchFilters, prepared: PreparedSearch | null): FacetOptions => ({
  walkSubstance: !prepared && joinsSubstances(filters) ? filters.substanceId : undefined,
  sample: facetSample(prepared?.plan ?? null),
  order: prepared ? newestMatchesFirst(prepared) : undefined,
});

/** The facets' statement of a search as searchNotices runs it: for EXPLAIN in tests. */
export async function searchFacetsQuery(viewer: Viewer, input: SearchInput) {
  const { filters, prepared } = await understand(viewer, input);
  return facetsStatement(viewer, searchConditions(viewer, filters, prepared), facetOptions(filters, prepared));
}

/** The feed's input for a search of names only: its filters, the year as a range of days. */
function asFeedInput(input: SearchInput): FeedInput {
  const { year, ...filters } = input.filters;
  const range = year ? { from: `${year}-01-01`, to: `${year}-12-31` } : {};
  return { filters: { ...filters, ...range }, cursor: input.cursor, limit: input.limit };
}

/**
 * The SQL of a search's page as searchNotices runs it, and whether it goes as a prepared
 * statement: for EXPLAIN in tests and the benchmark's raw-SQL floor.
 */
export async function searchPageQuery(viewer: Viewer, input: SearchInput) {
  const { filters, prepared } = await understand(viewer, input);
  if (prepared) return { query: searchQuery(viewer, { ...input, filters }, prepared), prepared: true };
  const feedInput = asFeedInput({ ...input, filters });
  return { query: feedQuery(viewer, feedInput), prepared: isValueIndependent(feedInput) };
}

async function textPage(viewer: Viewer, input: SearchInput, prepared: PreparedSearch, text: string) {
  // Prepared: each plan's statement is the same whatever the words (they are parameters), so
  // PostgreSQL plans it once per connection; the plan is steered by the statement's shape.
  const rows = await searchQuery(viewer, input, prepared).prepare("search").execute();
  const page = await toPage(
    viewer,
    rows,
    input.limit,
    (row) => row.publishedAt,
    (ids) => snippets(viewer, text, prepared.tsquery, ids),
  );
  return input.sort === "date"
    ? { ...page, nextOffset: null }
    : { items: page.items, nextCursor: null, nextOffset: page.nextCursor ? (input.offset ?? 0) + input.limit : null };
}

/** Only things named: the feed's page with their filters, newest first (every match is as relevant). */
async function feedPage(viewer: Viewer, input: SearchInput) {
  const page = await listFeed({ viewer, input: asFeedInput(input) });
  return { items: page.items.map((item) => ({ ...item, snippet: [] as SnippetPart[] })), nextCursor: page.nextCursor, nextOffset: null };
}

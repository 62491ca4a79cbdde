import { and, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { ZSearchInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";
import { newestFirst, olderThan, stripMarkdown, summarySource, toPage } from "./feed";

export type SearchInput = z.infer<typeof ZSearchInput>;

/** A piece of a snippet; `hit` marks the words that matched the query. */
export type SnippetPart = { text: string; hit: boolean };

// Chinese (and other CJK) text has no spaces, so the full-text parser keeps a whole sentence as
// one word and a search for a name inside it finds nothing: such queries also match substrings.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Control characters mark the matches; any in the narrative itself are removed first, so the
// marks are unambiguous.
const START = "\u0002";
const STOP = "\u0003";
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const CJK_CONTEXT_CHARS = 60;
const CJK_SNIPPET_CHARS = 200;

/** LIKE treats these as wildcards; a user typing them means the characters themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const tsQuery = (q: string) => sql`websearch_to_tsquery('simple', ${q})`;

/** The search's SQL, exposed for EXPLAIN in tests and the benchmark. */
export function searchQuery(viewer: Viewer, input: SearchInput) {
  const q = input.q;
  const contains = `%${escapeLike(q)}%`;
  const matches: (SQL | undefined)[] = [
    // Words of titles, narratives and names in any language ('simple': no stemming, so Russian
    // and English are matched alike, word for word).
    sql`${notices.searchVector} @@ ${tsQuery(q)}`,
    // A misspelt company or person name is still close to one of the words of search_names.
    sql`${q} <% ${notices.searchNames}`,
    ...(CJK.test(q) ? [ilike(notices.title, contains), ilike(notices.narrative, contains), ilike(notices.searchNames, contains)] : []),
  ];
  return summarySource()
    .where(and(sql`${notices.status} IN ('published', 'retracted')`, visibleTo(viewer), or(...matches), olderThan(notices.publishedAt, input.cursor)))
    .orderBy(...newestFirst(notices.publishedAt))
    .limit(input.limit + 1);
}

/**
 * Notices matching `q` that the viewer may read, newest first, each with a snippet of its
 * narrative around the match. Snippets are computed only for the page's rows, which already
 * passed the visibility rule, so nothing of an unreadable notice ever reaches ts_headline's output.
 */
export async function searchNotices({ viewer, input }: { viewer: Viewer; input: SearchInput }) {
  const rows = await searchQuery(viewer, input);
  return toPage(viewer, rows, input.limit, (row) => row.publishedAt, (ids) => snippets(viewer, input.q, ids));
}

async function snippets(viewer: Viewer, q: string, ids: string[]): Promise<Map<string, { snippet: SnippetPart[] }>> {
  if (!ids.length) return new Map();
  const cjk = CJK.test(q);
  const start = sql`greatest(strpos(lower(${notices.narrative}), lower(${q})) - ${CJK_CONTEXT_CHARS}, 1)`;
  const rows = await db
    .select({
      id: notices.id,
      text: cjk
        ? sql<string>`substr(${notices.narrative}, ${start}, ${CJK_SNIPPET_CHARS})`
        : sql<string>`ts_headline('simple', translate(${notices.narrative}, chr(2) || chr(3), ''), ${tsQuery(q)}, ${HEADLINE_OPTIONS})`,
      cut: cjk ? sql<boolean>`${start} > 1` : sql<boolean>`false`,
    })
    .from(notices)
    // The rule again, although these ids were just read through it: a snippet is a read.
    .where(and(inArray(notices.id, ids), visibleTo(viewer)));
  return new Map(rows.map((row) => [row.id, { snippet: cjk ? markSubstring(row.text, q, row.cut) : parseHeadline(row.text) }]));
}

/** ts_headline's output, marked with START/STOP, as plain-text parts. */
function parseHeadline(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of headline.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    const text = i % 2 === 1 ? piece : stripMarkdown(piece);
    if (text) parts.push({ text: i % 2 === 1 ? text : spaced(piece, text), hit: i % 2 === 1 });
  }
  return parts;
}

/** Keeps the spaces around a piece of text that Markdown stripping trimmed, so words stay apart. */
function spaced(raw: string, text: string): string {
  return `${/^\s/.test(raw) ? " " : ""}${text}${/\s$/.test(raw) ? " " : ""}`;
}

/** Every occurrence of `q` in `text` (ignoring case) as a hit. */
function markSubstring(text: string, q: string, cut: boolean): SnippetPart[] {
  const plain = `${cut ? "…" : ""}${stripMarkdown(text)}`;
  const parts: SnippetPart[] = [];
  const lower = plain.toLowerCase();
  const needle = q.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: plain.slice(from, at), hit: false });
    parts.push({ text: plain.slice(at, at + needle.length), hit: true });
    from = at + needle.length;
  }
  if (from < plain.length) parts.push({ text: plain.slice(from), hit: false });
  return parts;
}

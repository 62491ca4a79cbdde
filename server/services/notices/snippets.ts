import { and, inArray, sql, type SQL } from "drizzle-orm";
import { db } from "~/db/index";
import { notices } from "~/db/schema";
import type { Viewer } from "~/server/auth/sessions";
import { visibleTo } from "~/server/services/visibility";

/** A piece of a snippet; `hit` marks the words that matched the query. */
export type SnippetPart = { text: string; hit: boolean };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Control characters mark the matches; any in the narrative itself are removed first, so the
// marks are unambiguous.
const START = "\u0002";
const STOP = "\u0003";
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const CJK_CONTEXT_CHARS = 60;
const CJK_SNIPPET_CHARS = 200;

/**
 * Each result's narrative around the match, in the notice's own language. The headline parses the
 * narrative with the 'russian' configuration, so that the stems a query carries (migration 0020)
 * mark every case form of a word; a Chinese query is found as it was typed.
 */
export async function snippets(viewer: Viewer, q: string, tsquery: SQL, ids: string[]): Promise<Map<string, { snippet: SnippetPart[] }>> {
  if (!ids.length) return new Map();
  const cjk = CJK.test(q);
  // The narrative as plain text (markdown_plain, migration 0010), computed once per row.
  const plain = sql`(SELECT markdown_plain(${notices.narrative}) AS p)`;
  const rows = await db
    .select({
      id: notices.id,
      snippet: cjk
        ? sql<[text: string, cut: boolean]>`(SELECT json_build_array(substr(p, s, ${CJK_SNIPPET_CHARS}), s > 1)
            FROM (SELECT p, greatest(strpos(lower(p), lower(${q})) - ${CJK_CONTEXT_CHARS}, 1) AS s FROM ${plain} plain) located)`
        : sql<string>`(SELECT ts_headline('russian', translate(p, chr(2) || chr(3), ''), ${tsquery}, ${HEADLINE_OPTIONS}) FROM ${plain} plain)`,
    })
    .from(notices)
    // The rule again, although these ids were just read through it: a snippet is a read.
    .where(and(inArray(notices.id, ids), visibleTo(viewer)))
    .prepare("snippets")
    .execute();
  return new Map(
    rows.map((row) => {
      const snippet = cjk ? markSubstring(...(row.snippet as [string, boolean]), q) : parseHeadline(row.snippet as string);
      return [row.id, { snippet }];
    }),
  );
}

/** ts_headline's output, marked with START/STOP, as plain-text parts. */
function parseHeadline(headline: string): SnippetPart[] {
  return headline
    .split(new RegExp(`[${START}${STOP}]`))
    .map((text, i) => ({ text, hit: i % 2 === 1 }))
    .filter((part) => part.text);
}

/** Every occurrence of `q` in `text` (ignoring case) as a hit. */
function markSubstring(text: string, cut: boolean, q: string): SnippetPart[] {
  const plain = `${cut ? "…" : ""}${text}`;
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

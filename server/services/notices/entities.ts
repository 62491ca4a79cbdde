import { sql } from "drizzle-orm";
import { arrayLiteral } from "~/db/array-literal";
import { db } from "~/db/index";
import type { Locale } from "~/i18n/locales";
import { SEARCH_ENTITY_KINDS, type SearchEntityKind, type SearchFilters } from "~/schemas/notices";

/**
 * The reference data as the bridge between languages: a query that names a substance, crossing,
 * country or agency in any of its names (English, Russian, Chinese, a synonym, a CAS number, an HS
 * code with or without its dot) is taken to mean the notices that carry it, whatever their text's
 * language. Words are compared by their stems (PostgreSQL's 'russian' configuration: Russian rules
 * for Cyrillic words, English ones for Latin), so «уксусного ангидрида» is «уксусный ангидрид»;
 * Chinese names, written without spaces, are found inside the query as they are.
 */
export type SearchEntity = { kind: SearchEntityKind; id: string; name: string; matched: string };
type Known = { kind: SearchEntityKind; id: string; names: Record<Locale, string> };

export const WORD = /[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;
// Names of up to this many words are recognised; longer ones are in the data but never typed.
const MAX_NAME_WORDS = 8;
// A single letter or two as a whole name (a stop word's stem, "N") would be taken everywhere.
const MIN_KEY_CHARS = 3;
// When one name means several things, the more specific wins: a substance over a crossing, …
const PRIORITY: Record<SearchEntityKind, number> = { substance: 0, crossing: 1, agency: 2, country: 3 };
// The reference data changes with a deployment's seed; each process reads it again after a while.
const DICTIONARY_TTL_MS = 10 * 60_000;

/**
 * The stem of each word ('' for a stop word), as the 'russian' configuration indexes them in the
 * search vector (migration 0020). One round trip for all the words, as one parameter: a screened
 * declaration has thousands, past what a statement may bind one by one.
 */
export async function stemWords(words: string[]): Promise<string[]> {
  if (!words.length) return [];
  const [row] = await db.execute<{ stems: string[] }>(sql`
    SELECT array_agg(array_to_string(tsvector_to_array(to_tsvector('russian', w)), ' ') ORDER BY n) AS stems
    FROM unnest(${arrayLiteral(words)}::text[]) WITH ORDINALITY AS u(w, n)`);
  return row?.stems ?? words.map(() => "");
}

// `spelled`: every name not in Chinese, for spelling suggestions.
type Dictionary = { byKey: Map<string, Known>; chinese: { name: string; known: Known }[]; spelled: string[] };
let cached: { at: number; dictionary: Promise<Dictionary> } | undefined;

/** A name, the name without what it says in parentheses, and (for short asides) the aside: "Khorgos (Qorgas)". */
function variants(name: string, asides: boolean): string[] {
  const bare = name.replace(/\s*\([^)]*\)/gu, "").trim();
  const inside = asides ? [...name.matchAll(/\(([^);,]+)\)/gu)].map(([, aside]) => aside!.trim()) : [];
  return [...new Set([name, bare, ...inside])].filter(Boolean);
}

async function loadDictionary(): Promise<Dictionary> {
  const rows = await db.execute<Known & { en: string; ru: string; zh: string | null; more: string[] }>(sql`
    SELECT 'substance' AS kind, id, name_en AS en, name_ru AS ru, name_zh AS zh,
           aliases || array_remove(ARRAY[cas, hs_code, regexp_replace(hs_code, '[^0-9]', '', 'g')], NULL) AS more FROM substances
    UNION ALL SELECT 'crossing', id, name_en, name_ru, name_zh, '{}' FROM crossings
    UNION ALL SELECT 'agency', id, name_en, name_ru, name_zh, ARRAY[short_name] FROM agencies
    UNION ALL SELECT 'country', code, name_en, name_ru, name_zh, '{}' FROM countries`);
  const named = rows
    .sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.id.localeCompare(b.id))
    .flatMap((row) => {
      const known: Known = { kind: row.kind, id: row.id, names: { en: row.en, ru: row.ru, zh: row.zh ?? row.en } };
      const asides = row.kind !== "agency";
      const names = [row.en, row.ru, row.zh, ...row.more].flatMap((name) => (name ? variants(name, asides) : []));
      return [...new Set(names)].map((name) => ({ name, known }));
    });
  const chinese = named.filter(({ name }) => HAN.test(name)).sort((a, b) => b.name.length - a.name.length);
  const spelled = named.filter(({ name }) => !HAN.test(name)).map(({ name, known }) => ({ words: name.match(WORD) ?? [], known }));
  const allWords = [...new Set(spelled.flatMap((s) => s.words.map((w) => w.toLowerCase())))];
  const stems = new Map(allWords.map((w, i) => [w, i]));
  const stemmed = await stemWords(allWords);
  const byKey = new Map<string, Known>();
  for (const { words, known } of spelled) {
    if (words.length > MAX_NAME_WORDS) continue;
    const key = words
      .map((w) => stemmed[stems.get(w.toLowerCase())!])
      .filter(Boolean)
      .join(" ");
    // The first (by PRIORITY, then id) keeps a name that several things share.
    if (key.length >= MIN_KEY_CHARS && !byKey.has(key)) byKey.set(key, known);
  }
  // A suggestion offers a name as people write it: without its aside ("Khorgos", not "Khorgos Qorgas").
  const suggestible = named.filter(({ name }) => !HAN.test(name) && !name.includes("("));
  return { byKey, chinese, spelled: [...new Set(suggestible.map(({ name }) => name))] };
}

function dictionary(): Promise<Dictionary> {
  if (!cached || Date.now() - cached.at > DICTIONARY_TTL_MS) {
    const loading = loadDictionary();
    cached = { at: Date.now(), dictionary: loading };
    loading.catch(() => (cached = undefined));
  }
  return cached.dictionary;
}

/** Every name of the reference data that is spelt in letters (not Chinese), as words. */
export const spelledNames = async () => (await dictionary()).spelled;

export type Recognised = { entities: SearchEntity[]; rest: string };

/** The filter each kind of thing becomes. */
export const FILTER_OF = { substance: "substanceId", crossing: "crossingId", country: "countryCode", agency: "agencyId" } as const;

export const entityFilters = (entities: SearchEntity[]): SearchFilters => Object.fromEntries(entities.map((e) => [FILTER_OF[e.kind], e.id]));

/**
 * The things the query names, one of each kind at most (the first named) and none of a kind the
 * filters already choose or that is to be read as words (`asWords`), and the rest of the query, which is searched as words. Longest names first: "acetic anhydride" is the substance,
 * not a word "acetic" and a substance "anhydride".
 */
export async function recognise(q: string, locale: Locale, filters: SearchFilters, asWords: SearchEntityKind[] = []): Promise<Recognised> {
  const names = await dictionary();
  const entities: SearchEntity[] = [];
  const taken = new Set(SEARCH_ENTITY_KINDS.filter((kind) => filters[FILTER_OF[kind]] !== undefined || asWords.includes(kind)));
  const take = (known: Known, matched: string) => {
    if (taken.has(known.kind)) return false;
    taken.add(known.kind);
    entities.push({ kind: known.kind, id: known.id, name: known.names[locale], matched });
    return true;
  };
  const text = chineseNames(q, names, take);
  const tokens = [...text.matchAll(WORD)];
  const spans = namedSpans(text, tokens, await stemWords(tokens.map(([w]) => w.toLowerCase())), names, take);
  const rest = spans.reduceRight((t, [from, to]) => `${t.slice(0, from)} ${t.slice(to)}`, text);
  return { entities, rest: rest.replace(/\s+/gu, " ").trim() };
}

type Take = (known: Known, matched: string) => boolean;

/** The Chinese names found in `text` and taken, each replaced by a space; the rest of the text. */
function chineseNames(text: string, { chinese }: Dictionary, take: Take): string {
  for (const { name, known } of chinese) {
    if (text.includes(name) && take(known, name)) text = text.replace(name, " ");
  }
  return text;
}

/** The spans of `text` (its `tokens`, with their `stems`) that name something taken. */
function namedSpans(text: string, tokens: RegExpExecArray[], stems: string[], { byKey }: Dictionary, take: Take): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!stems[i]) continue;
    for (let end = Math.min(tokens.length, i + MAX_NAME_WORDS); end > i; end--) {
      if (!stems[end - 1]) continue;
      const known = byKey.get(stems.slice(i, end).filter(Boolean).join(" "));
      const [from, to] = [tokens[i]!.index, tokens[end - 1]!.index + tokens[end - 1]![0].length];
      if (known && take(known, text.slice(from, to))) {
        spans.push([from, to]);
        i = end - 1;
        break;
      }
    }
  }
  return spans;
}

/**
 * Every thing of the given kinds that each text names (several of a kind, each once), as
 * `recognise` finds them, with one round trip for the words of all the texts: declaration
 * screening reads a thousand lines at once.
 */
export async function recogniseEach(texts: string[], locale: Locale, kinds: readonly SearchEntityKind[]): Promise<SearchEntity[][]> {
  const names = await dictionary();
  const found = texts.map(() => [] as SearchEntity[]);
  const takers = texts.map((_, n): Take => (known, matched) => {
    if (!kinds.includes(known.kind)) return false;
    if (!found[n]!.some((e) => e.kind === known.kind && e.id === known.id))
      found[n]!.push({ kind: known.kind, id: known.id, name: known.names[locale], matched });
    return true;
  });
  const rests = texts.map((text, n) => chineseNames(text, names, takers[n]!));
  const tokens = rests.map((text) => [...text.matchAll(WORD)]);
  const words = [...new Set(tokens.flat().map(([w]) => w.toLowerCase()))];
  const stemOf = new Map((await stemWords(words)).map((stem, i) => [words[i]!, stem]));
  rests.forEach((text, n) =>
    namedSpans(
      text,
      tokens[n]!,
      tokens[n]!.map(([w]) => stemOf.get(w.toLowerCase()) ?? ""),
      names,
      takers[n]!,
    ),
  );
  return found;
}

import { spelledNames, WORD } from "./entities";

/**
 * "Did you mean": a misspelt name in the query ("acetic anhidride", "Khorgas") is replaced by the
 * reference name it is closest to, and, when nothing was found, a misspelt word by the closest
 * name word of the notices everyone may read (the search's own vocabulary, migration 0013). Both
 * sources hold nothing a searcher may not read, so a suggestion never reveals a hidden notice.
 */
// pg_trgm's default threshold is 0.3, which offers nonsense for short names; one changed letter in
// a seven-letter name ("Khorgas") leaves 0.45.
const SIMILAR = 0.4;
const MAX_WINDOW = 4;

/** The trigrams of a text as pg_trgm takes them: each word lower-cased, padded by two spaces before and one after. */
function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** pg_trgm's similarity: shared trigrams over all trigrams of both. */
function similarity(x: Set<string>, y: Set<string>): number {
  const shared = [...x].filter((g) => y.has(g)).length;
  return shared / (x.size + y.size - shared || 1);
}

// The names' trigrams, computed once per dictionary (which is replaced, not changed, when reloaded).
const namesGrams = new WeakMap<string[], { name: string; grams: Set<string> }[]>();

function gramsOf(names: string[]) {
  let grams = namesGrams.get(names);
  if (!grams) namesGrams.set(names, (grams = names.map((name) => ({ name, grams: trigrams(name) }))));
  return grams;
}

/** The closest reference name to a run of words, if close enough and not the words themselves. */
function closestName(words: string, names: string[]): { name: string; score: number } | null {
  const typed = trigrams(words);
  let best: { name: string; score: number } | null = null;
  for (const { name, grams } of gramsOf(names)) {
    const score = similarity(typed, grams);
    if (score >= SIMILAR && (!best || score > best.score)) best = { name, score };
  }
  return best && best.name.toLowerCase() !== words.toLowerCase() ? best : null;
}

/**
 * The suggested query, or null. `rest` is what was not recognised as a name; `corrections` the
 * search vocabulary's closest word for each unknown word. Only looked for when nothing was found
 * or a word is unknown: a query that finds what it names needs no other spelling.
 */
export async function suggest(q: string, rest: string, found: boolean, corrections: Map<string, string> | undefined): Promise<string | null> {
  if (!rest || (found && !corrections?.size)) return null;
  const names = await spelledNames();
  let suggestion = q;
  const words = [...rest.matchAll(WORD)].map(([w]) => w);
  for (let i = 0; i < words.length; i++) {
    for (let end = Math.min(words.length, i + MAX_WINDOW); end > i; end--) {
      const run = words.slice(i, end).join(" ");
      const close = run.length >= 4 ? closestName(run, names) : null;
      const typed = new RegExp(words.slice(i, end).join("[^\\p{L}\\p{N}]+"), "u");
      if (close && typed.test(suggestion)) {
        suggestion = suggestion.replace(typed, close.name);
        i = end - 1;
        break;
      }
    }
  }
  if (!found) {
    for (const [word, close] of corrections ?? []) suggestion = suggestion.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "iu"), close);
  }
  return suggestion !== q ? suggestion : null;
}

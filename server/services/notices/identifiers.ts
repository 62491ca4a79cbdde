/**
 * Identifiers as search keys. A plate, a wagon or container number, a registration number or an
 * HS code is written with or without spaces, dashes, dots and slashes, in either case, and often
 * with Cyrillic letters that look like Latin ones (А/A, К/K …: a Kazakh or Kyrgyz plate typed on a
 * Russian keyboard). The key drops those separators and reads look-alikes as Latin, so that every
 * way of writing one identifier gives one word of the search index. Migration 0020 computes the
 * same for the notices written before it.
 */
const CYRILLIC_LOOKALIKES = "АВЕКМНОРСТУХ";
const LATIN_TWINS = "ABEKMHOPCTYX";
const SEPARATORS = /[\s./-]+/gu;

export function identifierKey(identifier: string): string {
  const upper = identifier.toUpperCase().replace(SEPARATORS, "");
  return [...upper]
    .map((c) => LATIN_TWINS[CYRILLIC_LOOKALIKES.indexOf(c)] ?? c)
    .join("")
    .toLowerCase();
}

// A query names an identifier when, without separators, it is letters and digits with a digit
// among them, long enough not to match every short number.
const IDENTIFIER = /^(?=.*\d)[\p{L}\p{N}]{4,40}$/u;

/** The key of a query that may be an identifier, or null when it cannot be one. */
export function queryIdentifierKey(q: string): string | null {
  const key = identifierKey(q.trim());
  return IDENTIFIER.test(key) ? key : null;
}

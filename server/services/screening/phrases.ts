import type { DeclarationLine } from "~/schemas/screening";
import { WORD } from "~/server/services/notices/entities";
import { queryIdentifierKey } from "~/server/services/notices/identifiers";

/**
 * What each line of a declaration is looked up by, worked out in the process so that the database
 * gets every line's keys at once: the phrases of the goods description (a misdeclaration is a short
 * phrase: "acetic acid", «уксусная эссенция», 醋精), the identifier keys of the vehicle and of the
 * parties (plates, wagon and container numbers, registration numbers, as notices keep them), and
 * the parties' names.
 */

// "glacial acetic acid food grade": a declared-as text of up to this many words is found inside it.
const PHRASE_WORDS = 4;
// Chinese has no spaces: a declared-as text is found as a run of characters inside the description.
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_PHRASE = { min: 2, max: 8 };

/** Word n-grams of the description, and the runs of Chinese characters inside it. */
export function descriptionPhrases(description: string | undefined): string[] {
  if (!description) return [];
  const words = [...description.matchAll(WORD)].map(([w]) => w);
  const phrases = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= PHRASE_WORDS && i + n <= words.length; n++) phrases.add(words.slice(i, i + n).join(" "));
  }
  for (const [run] of description.matchAll(HAN_RUN)) {
    for (let from = 0; from < run.length; from++) {
      for (let to = from + HAN_PHRASE.min; to <= Math.min(run.length, from + HAN_PHRASE.max); to++) phrases.add(run.slice(from, to));
    }
  }
  return [...phrases];
}

/**
 * The identifier keys a field may hold: each part (between commas, semicolons, slashes, plus signs)
 * whole, as a plate written with spaces ("01 KG 482 ABT"), and each word of it, as a number after
 * its label ("wagon 57384021", «БИН 150640021987»).
 */
export function identifierKeys(field: string | undefined): string[] {
  if (!field) return [];
  const keys = new Set<string>();
  for (const part of field.split(/[,;/|+]+/u)) {
    for (const candidate of [part, ...part.split(/\s+/u)]) {
      const key = queryIdentifierKey(candidate);
      if (key) keys.add(key);
    }
  }
  return [...keys];
}

/** The HS code's digits, when it names at least a subheading (six digits). */
export function hsDigits(hsCode: string | undefined): string | null {
  const digits = (hsCode ?? "").replace(/\D/gu, "");
  return digits.length >= 6 ? digits : null;
}

export type PartyField = "consignor" | "consignee";
export const PARTY_FIELDS: readonly PartyField[] = ["consignor", "consignee"];

/** A party's name as the database compares it: what precedes a registration number, trimmed. */
export function partyName(line: DeclarationLine, field: PartyField): string | null {
  const name = (line[field] ?? "").split(/[,;]/u)[0]!.trim();
  return name.length >= 3 ? name : null;
}

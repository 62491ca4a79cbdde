import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary } from "@zxcvbn-ts/language-en";
import { eq, isNotNull, or, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { agencies, countries } from "~/db/schema";
import { ServiceError } from "~/server/services/errors";

// A list alone misses what people do to meet a 15-character minimum: of the 10,000 most common
// passwords only 9 are that long, while "123456789012345" and "qwertyuiopasdfgh" are not listed.
// zxcvbn estimates the guesses an attacker needs, knowing 49,000 common passwords (those of
// zxcvbn 4.4.2 and more), English words and names, keyboard walks, sequences, repetitions, dates
// and l33t, alone and combined. Its dictionaries are loaded once per process, at the first check,
// and only on the server: nothing in the browser imports this module.
// At most 10 l33t substitutions are tried (the default, 100, took over 100 ms of the one thread
// for a password with many digits); P@ssw0rd-like forms are still found, and a password with more
// substitutable characters is judged by the other patterns.
let estimator: ZxcvbnFactory | undefined;
const guessability = () =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...commonDictionary, ...englishDictionary }, graphs: adjacencyGraphs, l33tMaxSubstitutions: 10 }));

// zxcvbn's top score: at least 10^10 guesses. At 15 characters and more, every passphrase of a
// person's own tried (three or four ordinary words, a sentence) reaches it with room to spare,
// while every padded, repeated or keyboard-walked form of the 3,000 most common passwords
// (ASVS 6.2.4) stays below it: at score 3 ("Summer2026Summer", "nike12345678901") some passed.
// The online guesser is throttled anyway; the score is about a stolen hash table.
const MIN_SCORE = 4;

/** Whether an attacker would guess the password early: a common one, a pattern, however long. */
export const easyToGuess = (password: string) => guessability().check(password).score < MIN_SCORE;

// The platform's own name, in its languages: the first word an attacker tries against it.
const PLATFORM_NAMES = ["Tianshan", "Tian Shan", "Тяньшань", "Тянь-Шань", "天山"];

export type PasswordWeakness = "passwordCommon" | "passwordContainsName";

/** Letters and digits only, case and compatibility forms folded, so "Tian-Shan 2026" contains "tianshan". */
const fold = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

// Short Latin or Cyrillic names ("Chad", "KGD") are too often part of ordinary words to forbid;
// a Chinese name carries as much in two characters.
const significant = (name: string) => name.length >= (/\p{Script=Han}/u.test(name) ? 2 : 4);

/** The names a password must not contain: the platform's, every agency's, and every member or agency country's. */
async function forbiddenNames(): Promise<string[]> {
  const [agencyNames, countryNames] = await Promise.all([
    db.select({ en: agencies.nameEn, ru: agencies.nameRu, zh: agencies.nameZh, short: agencies.shortName }).from(agencies),
    db
      .select({ en: countries.nameEn, ru: countries.nameRu, zh: countries.nameZh })
      .from(countries)
      .where(
        or(eq(countries.isMember, true), sql`${countries.code} IN (SELECT ${agencies.countryCode} FROM ${agencies} WHERE ${isNotNull(agencies.countryCode)})`),
      ),
  ]);
  const names = [...PLATFORM_NAMES, ...agencyNames.flatMap((a) => [a.en, a.ru, a.zh, a.short]), ...countryNames.flatMap((c) => [c.en, c.ru, c.zh])];
  return [...new Set(names.filter((name): name is string => !!name).map(fold))].filter(significant);
}

/**
 * What makes a password of acceptable length still weak (ASVS V6.2.4, V6.2.11, V6.2.12):
 * containing the platform's, an agency's or a country's name, or the user's own email name; or
 * being easy to guess (a common password, a keyboard walk, a sequence, a repetition, however
 * long). There are no composition rules.
 */
export async function passwordWeakness(password: string, user: { email?: string } = {}): Promise<PasswordWeakness | null> {
  const folded = fold(password);
  const local = user.email ? fold(user.email.split("@")[0]!) : "";
  const names = await forbiddenNames();
  if (names.some((name) => folded.includes(name)) || (significant(local) && folded.includes(local))) return "passwordContainsName";
  if (easyToGuess(password)) return "passwordCommon";
  return null;
}

/** Refuses a weak password with the error its form field shows. */
export async function assertStrongPassword(password: string, field: string, user: { email?: string } = {}): Promise<void> {
  const weakness = await passwordWeakness(password, user);
  if (weakness) throw new ServiceError("INVALID", weakness, field);
}

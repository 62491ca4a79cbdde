import { eq, isNotNull, or, sql } from "drizzle-orm";
import { db } from "~/db/index";
import { agencies, countries } from "~/db/schema";
import common from "~/server/auth/data/common-passwords.json";
import { ServiceError } from "~/server/services/errors";

// The 10,000 most common passwords, in order, from the frequency list of zxcvbn 4.4.2 (MIT,
// Dropbox; itself from Mark Burnett's 10 million password corpus), as published on the npm
// registry. Length alone rules most of them out (15 characters at least); what remains matters.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(common as string[]);

// The platform's own name, in its languages: the first word an attacker tries against it.
const PLATFORM_NAMES = ["Tianshan", "Tian Shan", "Тяньшань", "Тянь-Шань", "天山"];

export type PasswordWeakness = "passwordCommon" | "passwordContainsName";

/** Letters and digits only, case and compatibility forms folded, so "Tian-Shan 2026" contains "tianshan". */
const fold = (text: string) => text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

// Short Latin or Cyrillic names ("Chad", "KGD") are too often part of ordinary words to forbid;
// a Chinese name carries as much in two characters.
const significant = (name: string) => name.length >= (/\p{Script=Han}/u.test(name) ? 2 : 4);

/** A repetition of one common password ("passwordpassword") is as guessable as the password. */
function isCommon(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  for (let size = 1; size <= folded.length / 2; size += 1) {
    if (folded.length % size === 0 && folded.slice(0, size).repeat(folded.length / size) === folded) {
      return COMMON_PASSWORDS.has(folded.slice(0, size)) || size <= 3;
    }
  }
  return false;
}

/** The names a password must not contain: the platform's, every agency's, and every member or agency country's. */
async function forbiddenNames(): Promise<string[]> {
  const [agencyNames, countryNames] = await Promise.all([
    db.select({ en: agencies.nameEn, ru: agencies.nameRu, zh: agencies.nameZh, short: agencies.shortName }).from(agencies),
    db
      .select({ en: countries.nameEn, ru: countries.nameRu, zh: countries.nameZh })
      .from(countries)
      .where(
        or(
          eq(countries.isMember, true),
          sql`${countries.code} IN (SELECT ${agencies.countryCode} FROM ${agencies} WHERE ${isNotNull(agencies.countryCode)})`,
        ),
      ),
  ]);
  const names = [...PLATFORM_NAMES, ...agencyNames.flatMap((a) => [a.en, a.ru, a.zh, a.short]), ...countryNames.flatMap((c) => [c.en, c.ru, c.zh])];
  return [...new Set(names.filter((name): name is string => !!name).map(fold))].filter(significant);
}

/**
 * What makes a password of acceptable length still weak (ASVS V6.2.11/V6.2.12): being among the
 * most common passwords, or containing the platform's, an agency's or a country's name, or the
 * user's own email name. There are no composition rules.
 */
export async function passwordWeakness(password: string, user: { email?: string } = {}): Promise<PasswordWeakness | null> {
  const folded = fold(password);
  if (isCommon(folded)) return "passwordCommon";
  const local = user.email ? fold(user.email.split("@")[0]!) : "";
  const names = await forbiddenNames();
  if (names.some((name) => folded.includes(name)) || (significant(local) && folded.includes(local))) return "passwordContainsName";
  return null;
}

/** Refuses a weak password with the error its form field shows. */
export async function assertStrongPassword(password: string, field: string, user: { email?: string } = {}): Promise<void> {
  const weakness = await passwordWeakness(password, user);
  if (weakness) throw new ServiceError("INVALID", weakness, field);
}

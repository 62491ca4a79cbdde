import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { pinyin } from "pinyin-pro";

/**
 * The one normalisation of what notices name, shared by search, entity extraction and
 * correlation (issue 19) and whatever else compares names and numbers: two spellings of one thing
 * must give one key everywhere, or search and correlation would disagree.
 *
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

/** What a conveyance identifier is, and whether its check digit (where its kind has one) holds. */
export type Conveyance = { kind: "vehicle" | "container"; key: string; checkDigitValid: boolean | null };

// ISO 6346: owner code (3 letters), category (U, J or Z), serial (6 digits), check digit.
const CONTAINER = /^[a-z]{3}[ujz]\d{7}$/;
// Railway wagons: 8 digits on the 1520 mm network (Kazakhstan, Kyrgyzstan, Russia), 12 under UIC.
const WAGON = /^(\d{8}|\d{12})$/;

/** ISO 6346's letter values: A=10, then upwards skipping multiples of 11. */
function containerValue(c: string): number {
  if (/\d/.test(c)) return Number(c);
  let value = 10;
  for (let code = 65; code < c.toUpperCase().charCodeAt(0); code++) value += (value + 1) % 11 === 0 ? 2 : 1;
  return value;
}

function containerCheckDigit(key: string): number {
  const sum = [...key.slice(0, 10)].reduce((total, c, i) => total + containerValue(c) * 2 ** i, 0);
  return (sum % 11) % 10;
}

/** Wagon numbers (1520 and UIC alike): Luhn over the digits before the last, weights 2, 1, 2 … */
function wagonCheckDigit(key: string): number {
  const sum = [...key.slice(0, -1)].reduce((total, c, i) => {
    const product = Number(c) * (i % 2 === 0 ? 2 : 1);
    return total + Math.floor(product / 10) + (product % 10);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

/** A plate, a wagon or a container, as one key whatever the spelling. */
export function conveyanceOf(raw: string): Conveyance {
  const key = identifierKey(raw);
  if (CONTAINER.test(key)) return { kind: "container", key, checkDigitValid: containerCheckDigit(key) === Number(key.at(-1)) };
  if (WAGON.test(key)) return { kind: "vehicle", key, checkDigitValid: wagonCheckDigit(key) === Number(key.at(-1)) };
  return { kind: "vehicle", key, checkDigitValid: null };
}

/** A declared HS code as its digits ("2915.24" and "291524" are one code). */
export const hsCodeKey = (code: string) => code.replace(/\D/gu, "");

/**
 * A phone number in E.164 (+77015551234), read in the country of the notice when written without
 * one (8 701 … in Kazakhstan). A number the library cannot place keeps its digits, marked with `?`,
 * so that two notices writing it alike still meet.
 */
export function phoneKey(raw: string, country: string | null): string {
  const parsed = parsePhoneNumberFromString(raw, (country ?? undefined) as CountryCode | undefined);
  if (parsed?.isPossible()) return parsed.number;
  return `?${raw.replace(/\D/gu, "")}`;
}

// Cyrillic to Latin, close to the ICAO 9303 passport scheme (what a name in a Kazakh, Kyrgyz or
// Tajik passport's Latin line looks like), with the letters of Kazakh, Kyrgyz and Tajik.
const CYRILLIC = new Map(
  (
    "а a,б b,в v,г g,д d,е e,ё e,ж zh,з z,и i,й i,к k,л l,м m,н n,о o,п p,р r,с s,т t,у u,ф f,х kh,ц ts,ч ch,ш sh,щ shch,ъ ,ы y,ь ,э e,ю iu,я ia," +
    "ә a,ғ g,қ k,ң n,ө o,ұ u,ү u,һ h,і i,ҳ h,ҷ j,ӣ i,ӯ u"
  )
    .split(",")
    .map((pair) => [pair[0]!, pair.slice(2)]),
);

export function transliterate(text: string): string {
  return [...text.toLowerCase()].map((c) => CYRILLIC.get(c) ?? c).join("");
}

// Words of Chinese company names with the English word a Latin name uses for them: 天山化工贸易
// 有限公司 is "Tianshan Chemical Trading Co., Ltd.", not "Tianshan Huagong Maoyi". Legal forms
// become the Latin form that LEGAL_FORMS then drops. Longest first.
const CHINESE_WORDS = (
  "股份有限公司 ltd,有限责任公司 llc,有限公司 ltd,进出口 import export,公司 co,集团 group,化工 chemical,化学 chemical,贸易 trading,商贸 trading," +
  "物流 logistics,国际 international,运输 transport,科技 technology,实业 industrial,医药 pharmaceutical,药业 pharmaceutical"
)
  .split(",")
  .map((pair): [string, string] => [pair.slice(0, pair.indexOf(" ")), ` ${pair.slice(pair.indexOf(" ") + 1)} `])
  .sort((a, b) => b[0].length - a[0].length);

const HAN_RUN = /\p{Script=Han}+/gu;
const syllables = (han: string) => pinyin(han, { toneType: "none", type: "array", nonZh: "removed" }).map((s) => s.replace(/ü/gu, "v"));

// Legal forms in every script as they read after transliteration: LLP, LLC, ТОО, ООО, ОсОО, АО …
const LEGAL_FORMS = new Set(
  "llp llc ltd limited co company corp corporation inc jsc ojsc cjsc pjsc gmbh sa ag pte plc too ooo osoo ao zao oao pao chp ip tov".split(" "),
);
/** Whether a name reads as a company's (it carries a legal form): an owner may be a company. */
export const looksLikeCompany = (name: string) => baseWords(name, "company").some((w) => LEGAL_FORMS.has(w));

function baseWords(name: string, kind: "company" | "person" | "address"): string[] {
  let text = name.normalize("NFKC").toLowerCase();
  if (kind === "company") for (const [han, latin] of CHINESE_WORDS) text = text.replaceAll(han, latin);
  // A company's name runs as one word ("tianshan"); a person's characters are a surname and a
  // given name, written "Wang Jun" or "Li Xiaolong" in Latin.
  text = text.replace(HAN_RUN, (run) => {
    const s = syllables(run);
    return kind === "person" && s.length > 1 ? ` ${s[0]} ${s.slice(1).join("")} ` : ` ${s.join("")} `;
  });
  return transliterate(text)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The key of a company's, a person's or an address's name in any script: Cyrillic transliterated,
 * Chinese in pinyin (company words translated), accents, punctuation and a company's legal form
 * dropped, lower case. A person's words are sorted, as their order differs between documents
 * (Wang Jun, Jun Wang). Equal keys are one entity; close ones are candidates, compared with
 * trigrams in SQL.
 */
export function nameKey(name: string, kind: "company" | "person" | "address"): string {
  const words = baseWords(name, kind).filter((w) => kind !== "company" || !LEGAL_FORMS.has(w));
  return (kind === "person" ? words.sort() : words).join(" ");
}

/** "Bakyt Osmonov (Бакыт Осмонов)": one name and its other spelling, as owners are often written. */
export function spellings(text: string): string[] {
  const outside = text.replace(/\([^)]*\)/gu, " ").trim();
  const inside = [...text.matchAll(/\(([^)]+)\)/gu)].map(([, aside]) => aside!.trim());
  return [...new Set([outside, ...inside])].filter(Boolean);
}

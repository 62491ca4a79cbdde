import { db } from "~/db/index";
import { substances } from "~/db/schema";
import type { DeclarationColumn, DeclarationLine, MatchedNotice, ScreenDeclarationInput, ScreeningFlag, ScreeningResult } from "~/schemas/screening";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { recogniseEach } from "~/server/services/notices/entities";
import { identifierKey } from "~/server/services/notices/identifiers";
import { companyNameMatches, declaredAsMatches, identifierMatches } from "./notices";
import { descriptionPhrases, hsDigits, identifierKeys, PARTY_FIELDS, partyName } from "./phrases";

/**
 * Checks each line of a declaration against the controlled substances (HS subheadings and names in
 * every language of the reference data) and against the notices the screener may read
 * (misdeclarations, vehicles and wagons, company alerts by name and registration number). The lines
 * are not kept: the audit log records only that a screening of so many lines took place.
 */
export async function screenDeclaration({ viewer, input }: { viewer: Viewer; input: ScreenDeclarationInput }): Promise<ScreeningResult> {
  const lines = input.lines;
  const flags = lines.map(() => [] as ScreeningFlag[]);
  const today = calendarToday(viewer.timeZone);
  const [hs, names, declared, identifiers, companies] = await Promise.all([
    hsCodeFlags(lines, viewer),
    recogniseEach(
      lines.map((l) => l.description ?? ""),
      viewer.locale,
      ["substance"],
    ),
    declaredAsMatches(
      viewer,
      lines.flatMap((l, line) => descriptionPhrases(l.description).map((text) => ({ line, text }))),
    ),
    identifierMatches(
      viewer,
      lines.flatMap((l) => [...identifierKeys(l.vehicle), ...PARTY_FIELDS.flatMap((f) => identifierKeys(l[f]))]),
      today,
    ),
    companyNameMatches(
      viewer,
      lines.flatMap((l) => PARTY_FIELDS.flatMap((f) => partyName(l, f) ?? [])),
      today,
    ),
  ]);
  hs.forEach((flag, n) => flag && flags[n]!.push(flag));
  names.forEach((found, n) =>
    flags[n]!.push(
      ...found.map((e): ScreeningFlag => ({ rule: "substanceName", field: "description", matched: e.matched, substances: [{ id: e.id, name: e.name }] })),
    ),
  );
  for (const m of declared) flags[m.line]!.push({ rule: "declaredAs", field: "description", matched: m.phrase, known: m.declaredAs, notice: noticeOf(m) });
  lines.forEach((l, n) => flags[n]!.push(...identifierFlags(l, identifiers), ...companyFlags(l, companies)));
  const flagged = lines.flatMap((values, n) => (flags[n]!.length ? [{ line: n + 1, values, flags: flags[n]! }] : []));
  await audit(db, { action: "declaration.screen", actor: viewer, details: { lines: lines.length, flagged: flagged.length } });
  return { lineCount: lines.length, flagged };
}

/** Lines whose HS code falls in the subheading of a controlled substance (several share one). */
async function hsCodeFlags(lines: DeclarationLine[], viewer: Viewer): Promise<(ScreeningFlag | null)[]> {
  const rows = await db
    .select({ id: substances.id, hsCode: substances.hsCode, en: substances.nameEn, ru: substances.nameRu, zh: substances.nameZh })
    .from(substances);
  const name = (r: (typeof rows)[number]) => (viewer.locale === "ru" ? r.ru : viewer.locale === "zh" ? (r.zh ?? r.en) : r.en);
  return lines.map((line) => {
    const digits = hsDigits(line.hsCode);
    const matches = digits ? rows.filter((r) => r.hsCode && digits.startsWith(r.hsCode.replace(/\D/gu, ""))) : [];
    if (!matches.length) return null;
    return { rule: "hsCode", field: "hsCode", matched: line.hsCode!, substances: matches.map((r) => ({ id: r.id, name: name(r) })) };
  });
}

type IdentifierRow = Awaited<ReturnType<typeof identifierMatches>>[number];

/** Whether `key` is one of the identifiers as written in a notice (a note after it aside: "01KG119AAP (trailer)"). */
const carries = (identifiers: string[] | null, key: string) =>
  (identifiers ?? []).some(
    (id) =>
      identifierKey(id) === key ||
      identifierKey(id)
        .split(/[^\p{L}\p{N}]+/u)
        .includes(key),
  );

function identifierFlags(line: DeclarationLine, rows: IdentifierRow[]): ScreeningFlag[] {
  const flags: ScreeningFlag[] = [];
  const seen = new Set<string>();
  const fields: [DeclarationColumn, "seizure" | "company_alert"][] = [
    ["vehicle", "seizure"],
    ...PARTY_FIELDS.map((f) => [f, "company_alert"] as [DeclarationColumn, "company_alert"]),
  ];
  for (const [field, kind] of fields) {
    for (const key of identifierKeys(line[field as keyof DeclarationLine])) {
      for (const row of rows) {
        if (row.key !== key || row.kind !== kind || seen.has(`${field}:${row.id}`)) continue;
        if (!carries(kind === "seizure" ? row.conveyanceIds : row.registrationNumbers, key)) continue;
        seen.add(`${field}:${row.id}`);
        const rule = kind === "seizure" ? "vehicle" : "registrationNumber";
        flags.push({
          rule,
          field,
          matched: key.toUpperCase(),
          notice: noticeOf(row),
          ...(row.recommendedAction ? { recommendedAction: row.recommendedAction } : {}),
        });
      }
    }
  }
  return flags;
}

type CompanyRow = Awaited<ReturnType<typeof companyNameMatches>>[number];

function companyFlags(line: DeclarationLine, rows: CompanyRow[]): ScreeningFlag[] {
  return PARTY_FIELDS.flatMap((field) => {
    const name = partyName(line, field);
    return rows
      .filter((r) => r.term === name)
      .map((r): ScreeningFlag => ({
        rule: "companyName",
        field,
        matched: r.term,
        known: r.alertName,
        notice: noticeOf(r),
        recommendedAction: r.recommendedAction,
      }));
  });
}

const noticeOf = ({ id, title, tlp, kind }: MatchedNotice): MatchedNotice => ({ id, title, tlp, kind });

/** The screener's calendar date: an alert is active until the end of its last day where they are. */
function calendarToday(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

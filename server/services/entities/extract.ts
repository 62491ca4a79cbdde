import type { EntityKind, EntityRole } from "~/schemas/entity-enums";
import { REDACTED } from "~/schemas/moderation-enums";
import { conveyanceOf, hsCodeKey, identifierKey, looksLikeCompany, nameKey, phoneKey, spellings } from "~/server/services/notices/identifiers";

/**
 * The entities a notice names, read from its structured fields only (never guessed from the
 * narrative): an alert's company in every script, its registration numbers, addresses, owners and
 * phones; a seizure's consignor and consignee, plates, wagons, containers, declared HS code and
 * phones; an arrest's persons, the companies they act for and phones. Pure: the same notice gives
 * the same mentions, whether written now (write-parts.ts), redacted, or backfilled.
 */
export type Mention = {
  kind: EntityKind;
  key: string;
  role: EntityRole;
  /** Which thing of the notice: several spellings of one thing share a part. */
  part: number;
  value: string;
  birthYear: number | null;
  checkDigitValid: boolean | null;
};

/** What extraction reads: a notice's input, or its stored details (backfill, redaction). */
export type ExtractSource = { countryCode: string | null } & (
  | {
      kind: "seizure";
      conveyanceIds: string[];
      declaredHsCode?: string | null;
      consignor?: string | null;
      consignee?: string | null;
      phones: string[];
    }
  | {
      kind: "company_alert";
      names: { name: string }[];
      registrationNumbers: string[];
      addresses: string[];
      owners: string[];
      phones: string[];
    }
  | {
      kind: "arrest";
      persons: { names: { latin?: string | null; cyrillic?: string | null; chinese?: string | null }; birthYear?: number | null }[];
      companies: string[];
      phones: string[];
    }
);

class Mentions {
  readonly list: Mention[] = [];
  private part = 0;

  /** One thing of the notice, under each of its spellings; nothing for a redacted or empty value. */
  add(role: EntityRole, kind: EntityKind, values: string[], keyOf: (value: string) => string, extra: Partial<Mention> = {}) {
    const part = this.part++;
    for (const value of values) {
      if (!value.trim() || value.includes(REDACTED)) continue;
      const key = keyOf(value);
      if (key.replace(/\W/gu, "").length < 2) continue;
      this.list.push({ kind, key, role, part, value, birthYear: null, checkDigitValid: null, ...extra });
    }
  }

  /** A company or a person named by one field (an owner, a party): its spellings, its kind by its legal form. */
  party(role: EntityRole, text: string | null | undefined) {
    if (!text) return;
    const names = spellings(text);
    const kind = role === "owner" && !names.some(looksLikeCompany) ? "person" : "company";
    this.add(role, kind, names, (name) => nameKey(name, kind));
  }

  phones(phones: string[], countryCode: string | null) {
    for (const phone of phones) this.add("phone", "phone", [phone], (p) => phoneKey(p, countryCode));
  }
}

export function extractMentions(source: ExtractSource): Mention[] {
  const m = new Mentions();
  if (source.kind === "seizure") {
    m.party("consignor", source.consignor);
    m.party("consignee", source.consignee);
    for (const id of source.conveyanceIds) {
      const conveyance = conveyanceOf(id);
      m.add(conveyance.kind, conveyance.kind, [id], () => conveyance.key, { checkDigitValid: conveyance.checkDigitValid });
    }
    if (source.declaredHsCode) m.add("hs_code", "hs_code", [source.declaredHsCode], hsCodeKey);
  } else if (source.kind === "company_alert") {
    m.add(
      "company",
      "company",
      source.names.map((n) => n.name),
      (name) => nameKey(name, "company"),
    );
    for (const number of source.registrationNumbers) m.add("registration", "registration", [number], identifierKey);
    for (const owner of source.owners) m.party("owner", owner);
    for (const address of source.addresses) m.add("address", "address", [address], (a) => nameKey(a, "address"));
  } else {
    for (const person of source.persons) {
      const names = [person.names.latin, person.names.cyrillic, person.names.chinese].filter((n): n is string => Boolean(n));
      m.add("person", "person", names, (name) => nameKey(name, "person"), { birthYear: person.birthYear ?? null });
    }
    for (const company of source.companies) m.party("company", company);
  }
  m.phones(source.phones, source.countryCode);
  return m.list;
}

import type {
  ARREST_STATUSES,
  COMPANY_GROUNDS,
  CONVEYANCES,
  HANDLING_CODES,
  NoticeKind,
  PERSON_ROLES,
  QuantityUnit,
  SOURCE_RELIABILITY,
  Tlp,
} from "~/schemas/notice-enums";
import type { NoticeSnapshot } from "~/server/services/notices/snapshot";

// What the notice form holds while it is being filled in: text as typed (numbers included, so
// "12,5" or a half-typed year survive a reload), "" for "not chosen yet". toNoticeInput() turns it
// into the input of the shared zod schema, which then decides what is valid — in the browser
// before sending, and again on the server.

type Choice<T extends readonly unknown[]> = T[number] | "";

/** Rows of a repeatable group carry a key of their own, so that removing one keeps the others' focus and state. */
export type Row<T> = T & { key: string };

export type Recipient = { id: string; label: string };

export type CommonState = {
  title: string;
  narrative: string;
  occurredOn: string;
  occurredTime: string;
  placeMode: "crossing" | "other";
  crossingId: string;
  placeText: string;
  countryCode: string;
  latitude: string;
  longitude: string;
  tags: string;
  tlp: Tlp | "";
  releaseAgencyIds: string[];
  releaseCountryCodes: string[];
  recipients: Recipient[];
  sourceReliability: Choice<typeof SOURCE_RELIABILITY>;
  infoCredibility: string;
  handlingCode: Choice<typeof HANDLING_CODES>;
};

/** The substance choice "not (yet) identified", sent as null; "" is "not chosen yet". */
export const UNIDENTIFIED = "unidentified";

export type ItemState = { substanceId: string; description: string; quantity: string; unit: QuantityUnit };

export type SeizureState = {
  kind: "seizure";
  items: Row<ItemState>[];
  concealment: string;
  declaredAs: string;
  declaredHsCode: string;
  conveyance: Choice<typeof CONVEYANCES>;
  conveyanceIds: string[];
  originCountries: string[];
  transitCountries: string[];
  destinationCountries: string[];
  seizingAgencyId: string;
};

export type CompanyNameState = { script: "latin" | "cyrillic" | "chinese"; name: string };

export type CompanyState = {
  kind: "company_alert";
  names: Row<CompanyNameState>[];
  registrationNumbers: string[];
  registrationCountryCode: string;
  addresses: string[];
  owners: string[];
  grounds: (typeof COMPANY_GROUNDS)[number][];
  groundsNote: string;
  recommendedAction: string;
  expiresOn: string;
  /** Existing alerts to link the new one to once it is saved. */
  linkIds: string[];
};

export type PersonState = {
  latin: string;
  cyrillic: string;
  chinese: string;
  nationalityCode: string;
  birthYear: string;
  role: Choice<typeof PERSON_ROLES>;
};

export type ArrestState = {
  kind: "arrest";
  arrestingAgencyId: string;
  persons: Row<PersonState>[];
  chargeIds: string[];
  arrestStatus: Choice<typeof ARREST_STATUSES>;
};

export type DetailsState = SeizureState | CompanyState | ArrestState;
export type FormState = CommonState & { details: DetailsState };

/** A key for a new row: one past the largest in use, so keys stay unique and deterministic. */
export function nextKey(rows: { key: string }[]): string {
  return String(rows.reduce((max, row) => Math.max(max, Number(row.key) || 0), 0) + 1);
}

export const blankItem = (key = "1"): Row<ItemState> => ({ key, substanceId: "", description: "", quantity: "", unit: "kg" });
export const blankCompanyName = (key = "1"): Row<CompanyNameState> => ({ key, script: "latin", name: "" });
export const blankPerson = (key = "1"): Row<PersonState> => ({ key, latin: "", cyrillic: "", chinese: "", nationalityCode: "", birthYear: "", role: "" });

function blankDetails(kind: NoticeKind, ownAgencyId: string, prefill: Prefill): DetailsState {
  if (kind === "seizure") {
    return {
      kind,
      items: [{ ...blankItem(), substanceId: prefill.substanceId ?? "" }],
      concealment: "",
      declaredAs: "",
      declaredHsCode: "",
      conveyance: "",
      conveyanceIds: [],
      originCountries: [],
      transitCountries: [],
      destinationCountries: [],
      seizingAgencyId: ownAgencyId,
    };
  }
  if (kind === "company_alert") {
    return {
      kind,
      names: [blankCompanyName()],
      registrationNumbers: [],
      registrationCountryCode: "",
      addresses: [],
      owners: [],
      grounds: [],
      groundsNote: "",
      recommendedAction: "",
      expiresOn: "",
      linkIds: [],
    };
  }
  return { kind, arrestingAgencyId: ownAgencyId, persons: [blankPerson()], chargeIds: [], arrestStatus: "" };
}

/** What a new notice starts with when reported from a crossing's or a substance's page. */
export type Prefill = { crossingId?: string; substanceId?: string };

/**
 * A new notice. The marking and the grading start unchosen: the author decides them each time.
 * The handling code starts at the most protective use, which is what most notices carry.
 */
export function blankState(kind: NoticeKind, ownAgencyId: string, prefill: Prefill = {}): FormState {
  return {
    title: "",
    narrative: "",
    occurredOn: "",
    occurredTime: "",
    placeMode: "crossing",
    crossingId: prefill.crossingId ?? "",
    placeText: "",
    countryCode: "",
    latitude: "",
    longitude: "",
    tags: "",
    tlp: "",
    releaseAgencyIds: [],
    releaseCountryCodes: [],
    recipients: [],
    sourceReliability: "",
    infoCredibility: "",
    handlingCode: "intelligence_only",
    details: blankDetails(kind, ownAgencyId, prefill),
  };
}

const text = (value: string | null | undefined) => value ?? "";
const numberText = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/**
 * The wall-clock date and time of an instant in the editor's time zone. The form asks for the
 * time "in your time zone", so an editor elsewhere than the author sees (and keeps) the same instant.
 */
function zonedDateTime(iso: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const rows = <T,>(values: T[]) => values.map((value, i) => ({ ...value, key: String(i + 1) }));

/** The form filled in with a notice as it stands, for editing. */
export function stateFromSnapshot(notice: NoticeSnapshot, timeZone: string): FormState {
  const when = notice.occurredAt ? zonedDateTime(notice.occurredAt, timeZone) : { date: notice.occurredOn, time: "" };
  const common: CommonState = {
    title: notice.title,
    narrative: notice.narrative,
    occurredOn: when.date,
    occurredTime: when.time,
    placeMode: notice.crossing ? "crossing" : "other",
    crossingId: notice.crossing?.id ?? "",
    placeText: text(notice.placeText),
    countryCode: notice.crossing ? "" : text(notice.countryCode),
    latitude: numberText(notice.latitude),
    longitude: numberText(notice.longitude),
    tags: notice.tags.join(", "),
    tlp: notice.tlp,
    releaseAgencyIds: notice.release.agencies.map((a) => a.id),
    releaseCountryCodes: notice.release.countryCodes,
    recipients: notice.release.recipients.map((r) => ({ id: r.id, label: r.name })),
    sourceReliability: notice.sourceReliability,
    infoCredibility: String(notice.infoCredibility),
    handlingCode: notice.handlingCode,
  };
  if (notice.seizure) {
    const s = notice.seizure;
    return {
      ...common,
      details: {
        kind: "seizure",
        items: rows(
          s.items.map((item) => ({ substanceId: item.substanceId ?? UNIDENTIFIED, description: text(item.description), quantity: String(item.quantity), unit: item.unit })),
        ),
        concealment: text(s.concealment),
        declaredAs: text(s.declaredAs),
        declaredHsCode: text(s.declaredHsCode),
        conveyance: s.conveyance ?? "",
        conveyanceIds: s.conveyanceIds,
        originCountries: s.originCountries,
        transitCountries: s.transitCountries,
        destinationCountries: s.destinationCountries,
        seizingAgencyId: text(s.seizingAgencyId),
      },
    };
  }
  if (notice.companyAlert) {
    const c = notice.companyAlert;
    return {
      ...common,
      details: {
        kind: "company_alert",
        names: rows(c.names.length ? c.names : [{ script: "latin" as const, name: "" }]),
        registrationNumbers: c.registrationNumbers,
        registrationCountryCode: text(c.registrationCountryCode),
        addresses: c.addresses,
        owners: c.owners,
        grounds: c.grounds,
        groundsNote: text(c.groundsNote),
        recommendedAction: c.recommendedAction,
        expiresOn: text(c.expiresOn),
        linkIds: [],
      },
    };
  }
  const a = notice.arrest;
  if (!a) throw new Error("a notice without the details of its kind");
  return {
    ...common,
    details: {
      kind: "arrest",
      arrestingAgencyId: text(a.arrestingAgencyId),
      persons: rows(
        a.persons.map((p) => ({
          latin: text(p.names.latin),
          cyrillic: text(p.names.cyrillic),
          chinese: text(p.names.chinese),
          nationalityCode: text(p.nationalityCode),
          birthYear: numberText(p.birthYear),
          role: p.role,
        })),
      ),
      chargeIds: a.chargeIds,
      arrestStatus: a.status,
    },
  };
}

/**
 * A typed number: blank is `blank` (null for optional fields, undefined for required ones so
 * the schema says "required"); a decimal comma is accepted; anything else becomes NaN, which the
 * schema refuses as invalid.
 */
function parseNumber(value: string, blank: null | undefined): number | null | undefined {
  const trimmed = value.trim().replace(",", ".");
  if (!trimmed) return blank;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const orNull = (value: string) => value || null;

/** The form as the input of ZNoticeInput. Unknown-typed: what was typed is not valid until the schema says so. */
export function toNoticeInput(state: FormState): Record<string, unknown> {
  const atCrossing = state.placeMode === "crossing";
  const common = {
    title: state.title,
    narrative: state.narrative,
    occurredOn: state.occurredOn || undefined,
    occurredTime: orNull(state.occurredTime),
    crossingId: atCrossing ? orNull(state.crossingId) : null,
    placeText: atCrossing ? null : state.placeText,
    countryCode: atCrossing ? null : orNull(state.countryCode),
    latitude: atCrossing ? null : parseNumber(state.latitude, null),
    longitude: atCrossing ? null : parseNumber(state.longitude, null),
    tags: [...new Set(state.tags.split(/[,，、]/).map((tag) => tag.trim()).filter(Boolean))],
    tlp: state.tlp || undefined,
    // Only the lists the marking uses are sent: switching the marking keeps the others in the
    // form (in case the author switches back) without releasing to them.
    releaseAgencyIds: state.tlp === "amber" || state.tlp === "amber_strict" ? state.releaseAgencyIds : [],
    releaseCountryCodes: state.tlp === "amber" ? state.releaseCountryCodes : [],
    recipientIds: state.tlp === "red" ? state.recipients.map((r) => r.id) : [],
    sourceReliability: state.sourceReliability || undefined,
    infoCredibility: parseNumber(state.infoCredibility, undefined),
    handlingCode: state.handlingCode || undefined,
  };
  const d = state.details;
  if (d.kind === "seizure") {
    return {
      ...common,
      kind: d.kind,
      items: d.items.map((item) => ({
        substanceId: item.substanceId === UNIDENTIFIED ? null : item.substanceId || undefined,
        description: item.description,
        quantity: parseNumber(item.quantity, undefined),
        unit: item.unit,
      })),
      concealment: d.concealment,
      declaredAs: d.declaredAs,
      declaredHsCode: orNull(d.declaredHsCode.trim()),
      conveyance: orNull(d.conveyance),
      conveyanceIds: d.conveyanceIds,
      originCountries: d.originCountries,
      transitCountries: d.transitCountries,
      destinationCountries: d.destinationCountries,
      seizingAgencyId: orNull(d.seizingAgencyId),
    };
  }
  if (d.kind === "company_alert") {
    return {
      ...common,
      kind: d.kind,
      names: d.names.map(({ script, name }) => ({ script, name })),
      registrationNumbers: d.registrationNumbers,
      registrationCountryCode: orNull(d.registrationCountryCode),
      addresses: d.addresses,
      owners: d.owners,
      grounds: d.grounds,
      groundsNote: d.groundsNote,
      recommendedAction: d.recommendedAction,
      expiresOn: d.expiresOn || undefined,
    };
  }
  return {
    ...common,
    kind: d.kind,
    arrestingAgencyId: orNull(d.arrestingAgencyId),
    persons: d.persons.map((p) => ({
      names: { latin: p.latin, cyrillic: p.cyrillic, chinese: p.chinese },
      nationalityCode: orNull(p.nationalityCode),
      birthYear: parseNumber(p.birthYear, null),
      role: p.role || undefined,
    })),
    chargeIds: d.chargeIds,
    arrestStatus: d.arrestStatus || undefined,
  };
}

import type { NoticeSnapshot } from "~/server/services/notices/snapshot";
import { mayNamePersons } from "./markings";
import type { ExportSet } from "./select";
import { stixId, tlpMarkingId } from "./stix-ids";

export type StixObject = Record<string, unknown> & { type: string; id: string };

// What a notice's objects need of the set it is exported in: the English names of countries.
type Names = Pick<ExportSet, "countryName">;

/**
 * Tianshan's extension (a property extension, documented in docs/stix-extension.md): the facts of
 * a notice that STIX has no property for (substances and quantities, concealment, conveyance,
 * route, crossing, handling code, company registration). Its id is fixed, like the TLP ones.
 */
export const EXTENSION_ID = "extension-definition--3f6b9e55-4c1e-5a8e-9d61-2b7f0c4a8e17";
export const PLATFORM_IDENTITY = stixId("identity", "platform:tianshan");
const EXTENSION_CREATED = "2026-12-07T00:00:00.000Z";

export function platformObjects(): StixObject[] {
  return [
    {
      type: "identity",
      spec_version: "2.1",
      id: PLATFORM_IDENTITY,
      created: EXTENSION_CREATED,
      modified: EXTENSION_CREATED,
      name: "Tianshan precursor intelligence platform",
      identity_class: "system",
    },
    {
      type: "extension-definition",
      spec_version: "2.1",
      id: EXTENSION_ID,
      created_by_ref: PLATFORM_IDENTITY,
      created: EXTENSION_CREATED,
      modified: EXTENSION_CREATED,
      name: "x-tianshan-notice",
      description:
        "Facts of a Tianshan notice that STIX 2.1 has no property for: seized items (substance, quantity, unit, mass in kg), concealment, declared goods, conveyance, route (origin, transit, destination countries), crossing, handling code, company registration and grounds.",
      schema: "Plain-text definition: docs/stix-extension.md in the Tianshan repository (property names, types and units).",
      version: "1.0.0",
      extension_types: ["property-extension"],
    },
  ];
}

/** Drops what a STIX property may not hold (null, empty text, empty lists), at every depth. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === "object") {
    const kept = Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0));
    return Object.fromEntries(kept.map(([k, v]) => [k, compact(v)])) as T;
  }
  return value;
}

// STIX 2.1's mapping of the Admiralty information-credibility scale onto `confidence` (spec,
// appendix A "Confidence Scales"); 6, "truth cannot be judged", has no value and is left out.
const CONFIDENCE: Record<number, number | undefined> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 };

const RELIABILITY = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
} as Record<string, string>;
const CREDIBILITY = ["", "confirmed by other sources", "probably true", "possibly true", "doubtful", "improbable", "truth cannot be judged"];

const agencyIdentity = (agencyId: string) => stixId("identity", `agency:${agencyId}`);

/** What every object made from a notice shares: its author agency, marking, times and confidence. */
function common(n: NoticeSnapshot) {
  return {
    spec_version: "2.1",
    created_by_ref: agencyIdentity(n.agency.id),
    created: n.createdAt,
    modified: n.updatedAt,
    object_marking_refs: [tlpMarkingId(n.tlp)],
    confidence: CONFIDENCE[n.infoCredibility],
  };
}

function ext(properties: Record<string, unknown>) {
  return { [EXTENSION_ID]: compact({ extension_type: "property-extension", ...properties }) };
}

/** The originating agency of a notice, as the creator of its objects (shared by its notices: one object per agency). */
export function agencyObject(n: NoticeSnapshot): StixObject {
  return compact({
    type: "identity",
    spec_version: "2.1",
    id: agencyIdentity(n.agency.id),
    created: EXTENSION_CREATED,
    modified: EXTENSION_CREATED,
    name: n.agency.names.en,
    identity_class: "organization",
    created_by_ref: PLATFORM_IDENTITY,
  });
}

function place(n: NoticeSnapshot, set: Names): StixObject[] {
  if (!n.countryCode && (n.latitude === null || n.longitude === null)) return [];
  const location = compact({
    type: "location",
    id: stixId("location", `notice:${n.id}:place`),
    ...common(n),
    name: n.crossing?.names.en ?? n.placeText ?? set.countryName(n.countryCode),
    country: n.countryCode,
    latitude: n.latitude ?? undefined,
    longitude: n.longitude ?? undefined,
  });
  return [location, relationship(n, "located-at", stixId("incident", `notice:${n.id}`), location.id, "place")];
}

function relationship(n: NoticeSnapshot, type: string, source: string, target: string, role: string): StixObject {
  return compact({
    type: "relationship",
    id: stixId("relationship", `notice:${n.id}:${role}`),
    ...common(n),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  });
}

function gradingNote(n: NoticeSnapshot, about: string): StixObject {
  const credibility = CREDIBILITY[n.infoCredibility] ?? "";
  return compact({
    type: "note",
    id: stixId("note", `notice:${n.id}:grading`),
    ...common(n),
    abstract: `Grading ${n.sourceReliability}${n.infoCredibility}`,
    content: `Source reliability ${n.sourceReliability} (${RELIABILITY[n.sourceReliability] ?? ""}), information credibility ${n.infoCredibility} (${credibility}); handling: ${n.handlingCode.replaceAll("_", " ")}.`,
    object_refs: [about],
  });
}

function incident(n: NoticeSnapshot, properties: Record<string, unknown>): StixObject {
  return compact({
    type: "incident",
    id: stixId("incident", `notice:${n.id}`),
    ...common(n),
    name: n.title,
    description: n.narrative,
    labels: n.tags,
    extensions: ext({
      notice_id: n.id,
      notice_kind: n.kind,
      occurred_on: n.occurredOn,
      crossing_id: n.crossing?.id,
      place: n.placeText,
      handling_code: n.handlingCode,
      ...properties,
    }),
  });
}

function seizureObjects(n: NoticeSnapshot, set: Names): StixObject[] {
  const s = n.seizure!;
  const facts = {
    items: s.items.map((item) => ({
      substance_id: item.substanceId,
      substance_name: item.substance?.en,
      description: item.description,
      quantity: item.quantity,
      unit: item.unit,
      mass_kg: item.massKg,
    })),
    concealment: s.concealment,
    declared_as: s.declaredAs,
    declared_hs_code: s.declaredHsCode,
    conveyance: s.conveyance,
    conveyance_ids: s.conveyanceIds,
    origin_countries: s.originCountries,
    transit_countries: s.transitCountries,
    destination_countries: s.destinationCountries,
  };
  const located = place(n, set);
  const observedAt = n.occurredAt ?? `${n.occurredOn}T00:00:00.000Z`;
  const observed = located.length
    ? [
        compact({
          type: "observed-data",
          id: stixId("observed-data", `notice:${n.id}`),
          ...common(n),
          first_observed: observedAt,
          last_observed: observedAt,
          number_observed: 1,
          // Observed data refers to SCOs and SROs only: the seizure's place, as its relationship.
          object_refs: [located[1]!.id],
          extensions: ext({ notice_id: n.id, ...facts }),
        }),
      ]
    : [];
  return [incident(n, facts), ...located, ...observed];
}

function companyObjects(n: NoticeSnapshot): StixObject[] {
  const c = n.companyAlert!;
  const names = c.names.map((entry) => `${entry.name} (${entry.script})`).join("; ");
  return [
    compact({
      type: "identity",
      id: stixId("identity", `notice:${n.id}:company`),
      ...common(n),
      name: c.names.find((entry) => entry.script === "latin")?.name ?? c.names[0]?.name ?? n.title,
      description: `${n.title}\n\nNames: ${names}\n\n${n.narrative}`,
      identity_class: "organization",
      extensions: ext({
        notice_id: n.id,
        names: c.names.map((entry) => ({ script: entry.script, name: entry.name })),
        registration_numbers: c.registrationNumbers,
        registration_country: c.registrationCountryCode,
        addresses: c.addresses,
        owners: c.owners,
        grounds: c.grounds,
        grounds_note: c.groundsNote,
        recommended_action: c.recommendedAction,
        expires_on: c.expiresOn,
      }),
    }),
  ];
}

function arrestObjects(n: NoticeSnapshot, set: Names): StixObject[] {
  const a = n.arrest!;
  const event = incident(n, { arrest_status: a.status, person_count: a.persons.length, charge_ids: a.chargeIds });
  const persons = mayNamePersons(n.tlp)
    ? a.persons.flatMap((person, index) => {
        const id = stixId("identity", `notice:${n.id}:person:${index}`);
        const name = person.names.latin ?? person.names.cyrillic ?? person.names.chinese ?? "";
        return [
          compact({
            type: "identity",
            id,
            ...common(n),
            name,
            identity_class: "individual",
            roles: [person.role],
            extensions: ext({ notice_id: n.id, names: person.names, nationality: person.nationalityCode, birth_year: person.birthYear }),
          }),
          relationship(n, "related-to", event.id, id, `person:${index}`),
        ];
      })
    : [];
  return [event, ...place(n, set), ...persons];
}

/** The objects of one notice: its own, its place and its grading note. */
export function noticeObjects(n: NoticeSnapshot, set: Names): StixObject[] {
  const own = n.kind === "seizure" ? seizureObjects(n, set) : n.kind === "company_alert" ? companyObjects(n) : arrestObjects(n, set);
  return [...own, gradingNote(n, own[0]!.id)];
}

/** The id a notice's main object has: what a link between two notices relates. */
export const mainObjectId = (n: NoticeSnapshot) =>
  n.kind === "company_alert" ? stixId("identity", `notice:${n.id}:company`) : stixId("incident", `notice:${n.id}`);

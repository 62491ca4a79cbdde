import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~/db/index";
import {
  agencies,
  arrestCharges,
  arrestDetails,
  arrestPersons,
  companyAlerts,
  countries,
  criminalProvisions,
  crossings,
  noticeRecipients,
  noticeReleaseAgencies,
  noticeReleaseCountries,
  seizureDetails,
  seizureItems,
  substances,
  users,
} from "~/db/schema";
import type { NoticeInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { ServiceError } from "~/server/services/errors";
import { normalizedMassKg } from "./mass";
import { identifierKey } from "./identifiers";
import { extractMentions } from "~/server/services/entities/extract";
import { writeMentions } from "~/server/services/entities/store";
import { zonedToInstant } from "./time";

// What a notice is made of besides its row: the references it names, checked against the
// database, its columns, and the rows of its release lists and its kind's details. Shared by
// create and edit (write.ts).

// Field paths as in the procedures' input ({ notice: … }), so forms place service and schema
// errors alike.
export const invalid = (field: string, key: string) => new ServiceError("INVALID", key, `notice.${field}`);

function missing<T>(found: readonly T[], wanted: readonly T[]): T[] {
  const set = new Set(found);
  return wanted.filter((value) => !set.has(value));
}

/**
 * Checks everything the input names against the database, whatever the TLP field says: share
 * targets must be active agencies, member countries and active users, so a notice can never be
 * released to something that does not exist (or is switched off).
 */
export async function checkReferences(tx: Tx, notice: NoticeInput): Promise<{ countryCode: string | null }> {
  let countryCode = notice.countryCode ?? null;
  if (notice.crossingId) {
    const [crossing] = await tx.select({ countryCode: crossings.countryCode }).from(crossings).where(eq(crossings.id, notice.crossingId));
    if (!crossing) throw invalid("crossingId", "unknownCrossing");
    countryCode = crossing.countryCode;
  }
  const countryFields: [string, string[]][] = [
    ["countryCode", countryCode ? [countryCode] : []],
    ...(notice.kind === "seizure"
      ? ([
          ["originCountries", notice.originCountries],
          ["transitCountries", notice.transitCountries],
          ["destinationCountries", notice.destinationCountries],
        ] as [string, string[]][])
      : []),
    ...(notice.kind === "company_alert"
      ? ([["registrationCountryCode", notice.registrationCountryCode ? [notice.registrationCountryCode] : []]] as [string, string[]][])
      : []),
    ...(notice.kind === "arrest"
      ? notice.persons.map((p, i): [string, string[]] => [`persons.${i}.nationalityCode`, p.nationalityCode ? [p.nationalityCode] : []])
      : []),
  ];
  const allCountries = countryFields.flatMap(([, codes]) => codes);
  if (allCountries.length) {
    const known = new Set((await tx.select({ code: countries.code }).from(countries).where(inArray(countries.code, allCountries))).map((c) => c.code));
    const wrong = countryFields.find(([, codes]) => codes.some((code) => !known.has(code)));
    if (wrong) throw invalid(wrong[0], "unknownCountry");
  }

  const releaseAgencies = notice.tlp === "amber" || notice.tlp === "amber_strict" ? notice.releaseAgencyIds : [];
  const otherAgencies = [
    ...(notice.kind === "seizure" && notice.seizingAgencyId ? [notice.seizingAgencyId] : []),
    ...(notice.kind === "arrest" && notice.arrestingAgencyId ? [notice.arrestingAgencyId] : []),
  ];
  if (releaseAgencies.length) {
    const found = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(inArray(agencies.id, releaseAgencies), eq(agencies.active, true)));
    if (
      missing(
        found.map((a) => a.id),
        releaseAgencies,
      ).length
    )
      throw invalid("releaseAgencyIds", "unknownAgency");
  }
  if (otherAgencies.length) {
    const found = await tx.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, otherAgencies));
    if (
      missing(
        found.map((a) => a.id),
        otherAgencies,
      ).length
    )
      throw invalid(notice.kind === "seizure" ? "seizingAgencyId" : "arrestingAgencyId", "unknownAgency");
  }
  const releaseCountries = notice.tlp === "amber" ? notice.releaseCountryCodes : [];
  if (releaseCountries.length) {
    const found = await tx
      .select({ code: countries.code })
      .from(countries)
      .where(and(inArray(countries.code, releaseCountries), eq(countries.isMember, true)));
    if (
      missing(
        found.map((c) => c.code),
        releaseCountries,
      ).length
    )
      throw invalid("releaseCountryCodes", "notMemberCountry");
  }
  const recipients = notice.tlp === "red" ? notice.recipientIds : [];
  if (recipients.length) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, recipients), eq(users.status, "active")));
    if (
      missing(
        found.map((u) => u.id),
        recipients,
      ).length
    )
      throw invalid("recipientIds", "unknownRecipient");
  }
  if (notice.kind === "seizure") {
    const wanted = notice.items.flatMap((item) => (item.substanceId ? [item.substanceId] : []));
    if (wanted.length) {
      const found = await tx.select({ id: substances.id }).from(substances).where(inArray(substances.id, wanted));
      if (
        missing(
          found.map((s) => s.id),
          wanted,
        ).length
      )
        throw invalid("items", "unknownSubstance");
    }
  }
  if (notice.kind === "arrest" && notice.chargeIds.length) {
    const found = await tx.select({ id: criminalProvisions.id }).from(criminalProvisions).where(inArray(criminalProvisions.id, notice.chargeIds));
    if (
      missing(
        found.map((p) => p.id),
        notice.chargeIds,
      ).length
    )
      throw invalid("chargeIds", "unknownProvision");
  }
  return { countryCode };
}

/** Company and person names in every script, for name search (trigram, so misspellings match). */
function searchNamesOf(notice: NoticeInput): string {
  if (notice.kind === "company_alert") {
    return [...notice.names.map((n) => n.name), ...notice.owners, ...notice.registrationNumbers].join(" ");
  }
  if (notice.kind === "arrest") {
    return notice.persons.flatMap((p) => [p.names.latin, p.names.cyrillic, p.names.chinese].filter(Boolean)).join(" ");
  }
  return "";
}

/** Identifiers and what goods were declared as, for search (see identifiers.ts). */
function searchIdentifiersOf(notice: NoticeInput): string {
  if (notice.kind === "seizure") {
    const keys = [...notice.conveyanceIds, ...(notice.declaredHsCode ? [notice.declaredHsCode] : [])].map(identifierKey);
    return [...keys, notice.declaredAs ?? ""].join(" ").trim();
  }
  if (notice.kind === "company_alert") return notice.registrationNumbers.map(identifierKey).join(" ");
  return "";
}

export function commonColumns(viewer: Viewer, notice: NoticeInput, countryCode: string | null) {
  return {
    kind: notice.kind,
    title: notice.title,
    narrative: notice.narrative,
    occurredOn: notice.occurredOn,
    occurredAt: notice.occurredTime ? zonedToInstant(notice.occurredOn, notice.occurredTime, viewer.timeZone) : null,
    crossingId: notice.crossingId ?? null,
    placeText: notice.crossingId ? null : (notice.placeText ?? null),
    countryCode,
    latitude: notice.latitude ?? null,
    longitude: notice.longitude ?? null,
    tags: [...new Set(notice.tags)],
    tlp: notice.tlp,
    sourceReliability: notice.sourceReliability,
    infoCredibility: notice.infoCredibility,
    handlingCode: notice.handlingCode,
    searchNames: searchNamesOf(notice),
    searchIdentifiers: searchIdentifiersOf(notice),
  };
}

/**
 * (Re)writes the release lists, the kind's details and the entities they name; on edit, what was
 * there is replaced. `countryCode` is the notice's, in which a phone without a country code is read.
 */
export async function writeParts(tx: Tx, noticeId: string, notice: NoticeInput, replacing: boolean, countryCode: string | null) {
  if (replacing) {
    await tx.delete(noticeReleaseAgencies).where(eq(noticeReleaseAgencies.noticeId, noticeId));
    await tx.delete(noticeReleaseCountries).where(eq(noticeReleaseCountries.noticeId, noticeId));
    await tx.delete(noticeRecipients).where(eq(noticeRecipients.noticeId, noticeId));
    await tx.delete(seizureItems).where(eq(seizureItems.noticeId, noticeId));
    await tx.delete(seizureDetails).where(eq(seizureDetails.noticeId, noticeId));
    await tx.delete(companyAlerts).where(eq(companyAlerts.noticeId, noticeId));
    await tx.delete(arrestPersons).where(eq(arrestPersons.noticeId, noticeId));
    await tx.delete(arrestCharges).where(eq(arrestCharges.noticeId, noticeId));
    await tx.delete(arrestDetails).where(eq(arrestDetails.noticeId, noticeId));
  }
  // Release lists only where the marking uses them, so a lowered marking leaves no stale list.
  const agencyIds = notice.tlp === "amber" || notice.tlp === "amber_strict" ? [...new Set(notice.releaseAgencyIds)] : [];
  const countryCodes = notice.tlp === "amber" ? [...new Set(notice.releaseCountryCodes)] : [];
  const recipientIds = notice.tlp === "red" ? [...new Set(notice.recipientIds)] : [];
  if (agencyIds.length) await tx.insert(noticeReleaseAgencies).values(agencyIds.map((agencyId) => ({ noticeId, agencyId })));
  if (countryCodes.length) await tx.insert(noticeReleaseCountries).values(countryCodes.map((countryCode) => ({ noticeId, countryCode })));
  if (recipientIds.length) await tx.insert(noticeRecipients).values(recipientIds.map((userId) => ({ noticeId, userId })));

  if (notice.kind === "seizure") {
    await tx.insert(seizureDetails).values({
      noticeId,
      concealment: notice.concealment ?? null,
      declaredAs: notice.declaredAs ?? null,
      declaredHsCode: notice.declaredHsCode ?? null,
      conveyance: notice.conveyance ?? null,
      conveyanceIds: notice.conveyanceIds,
      originCountries: notice.originCountries,
      transitCountries: notice.transitCountries,
      destinationCountries: notice.destinationCountries,
      seizingAgencyId: notice.seizingAgencyId ?? null,
      consignor: notice.consignor ?? null,
      consignee: notice.consignee ?? null,
      phones: notice.phones,
    });
    const ids = notice.items.flatMap((i) => (i.substanceId ? [i.substanceId] : []));
    const densities = ids.length
      ? new Map(
          (await tx.select({ id: substances.id, d: substances.densityGPerMl }).from(substances).where(inArray(substances.id, ids))).map((s) => [s.id, s.d]),
        )
      : new Map<string, number | null>();
    await tx.insert(seizureItems).values(
      notice.items.map((item, position) => ({
        noticeId,
        position,
        substanceId: item.substanceId,
        description: item.description ?? null,
        quantity: item.quantity,
        unit: item.unit,
        massKg: normalizedMassKg(item.quantity, item.unit, item.substanceId ? (densities.get(item.substanceId) ?? null) : null),
      })),
    );
  } else if (notice.kind === "company_alert") {
    await tx.insert(companyAlerts).values({
      noticeId,
      names: notice.names,
      registrationNumbers: notice.registrationNumbers,
      registrationCountryCode: notice.registrationCountryCode ?? null,
      addresses: notice.addresses,
      owners: notice.owners,
      phones: notice.phones,
      grounds: notice.grounds,
      groundsNote: notice.groundsNote ?? null,
      recommendedAction: notice.recommendedAction,
      expiresOn: notice.expiresOn,
    });
  } else {
    await tx.insert(arrestDetails).values({
      noticeId,
      arrestingAgencyId: notice.arrestingAgencyId ?? null,
      status: notice.arrestStatus,
      companies: notice.companies,
      phones: notice.phones,
    });
    await tx.insert(arrestPersons).values(
      notice.persons.map((person, position) => ({
        noticeId,
        position,
        names: { latin: person.names.latin ?? undefined, cyrillic: person.names.cyrillic ?? undefined, chinese: person.names.chinese ?? undefined },
        nationalityCode: person.nationalityCode ?? null,
        birthYear: person.birthYear ?? null,
        role: person.role,
      })),
    );
    if (notice.chargeIds.length) await tx.insert(arrestCharges).values([...new Set(notice.chargeIds)].map((provisionId) => ({ noticeId, provisionId })));
  }
  await writeMentions(tx, noticeId, extractMentions({ ...notice, countryCode }));
}

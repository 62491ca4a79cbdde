import { eq, inArray } from "drizzle-orm";
import type { Tx } from "~/db/index";
import {
  arrestCharges,
  arrestDetails,
  arrestPersons,
  companyAlerts,
  noticeRecipients,
  noticeReleaseAgencies,
  noticeReleaseCountries,
  seizureDetails,
  seizureItems,
  substances,
} from "~/db/schema";
import type { NoticeInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { extractMentions } from "~/server/services/entities/extract";
import { writeMentions } from "~/server/services/entities/store";
import { identifierKey } from "./identifiers";
import { normalizedMassKg } from "./mass";
import { zonedToInstant } from "./time";

type SeizureInput = Extract<NoticeInput, { kind: "seizure" }>;
type CompanyAlertInput = Extract<NoticeInput, { kind: "company_alert" }>;
type ArrestInput = Extract<NoticeInput, { kind: "arrest" }>;

// What a notice is made of besides its row: its columns, and the rows of its release lists and
// its kind's details. Shared by create and edit (write.ts), after write-references.ts has checked
// what the input names.

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

/** On edit, what the notice was made of goes, so that what is written next replaces it. */
async function clearParts(tx: Tx, noticeId: string) {
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
async function writeReleaseLists(tx: Tx, noticeId: string, notice: NoticeInput) {
  const agencyIds = notice.tlp === "amber" || notice.tlp === "amber_strict" ? [...new Set(notice.releaseAgencyIds)] : [];
  const countryCodes = notice.tlp === "amber" ? [...new Set(notice.releaseCountryCodes)] : [];
  const recipientIds = notice.tlp === "red" ? [...new Set(notice.recipientIds)] : [];
  if (agencyIds.length) await tx.insert(noticeReleaseAgencies).values(agencyIds.map((agencyId) => ({ noticeId, agencyId })));
  if (countryCodes.length) await tx.insert(noticeReleaseCountries).values(countryCodes.map((countryCode) => ({ noticeId, countryCode })));
  if (recipientIds.length) await tx.insert(noticeRecipients).values(recipientIds.map((userId) => ({ noticeId, userId })));
}

/** A seizure's details and its items, each item's mass normalized with its substance's density. */
async function writeSeizure(tx: Tx, noticeId: string, notice: SeizureInput) {
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
    ? new Map((await tx.select({ id: substances.id, d: substances.densityGPerMl }).from(substances).where(inArray(substances.id, ids))).map((s) => [s.id, s.d]))
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
}

async function writeCompanyAlert(tx: Tx, noticeId: string, notice: CompanyAlertInput) {
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
}

/** An arrest's details, its persons in their order, and its charges once each. */
async function writeArrest(tx: Tx, noticeId: string, notice: ArrestInput) {
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

/**
 * (Re)writes the release lists, the kind's details and the entities they name; on edit, what was
 * there is replaced. `countryCode` is the notice's, in which a phone without a country code is read.
 */
export async function writeParts(tx: Tx, noticeId: string, notice: NoticeInput, replacing: boolean, countryCode: string | null) {
  if (replacing) await clearParts(tx, noticeId);
  await writeReleaseLists(tx, noticeId, notice);
  if (notice.kind === "seizure") await writeSeizure(tx, noticeId, notice);
  else if (notice.kind === "company_alert") await writeCompanyAlert(tx, noticeId, notice);
  else await writeArrest(tx, noticeId, notice);
  await writeMentions(tx, noticeId, extractMentions({ ...notice, countryCode }));
}

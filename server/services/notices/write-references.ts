import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~/db/index";
import { agencies, countries, criminalProvisions, crossings, substances, users } from "~/db/schema";
import type { NoticeInput } from "~/schemas/notices";
import { ServiceError } from "~/server/services/errors";

// What a notice names outside itself (its place, countries, share targets, agencies, substances
// and charges), checked against the database before create or edit writes anything (write.ts).

// Field paths as in the procedures' input ({ notice: … }), so forms place service and schema
// errors alike.
export const invalid = (field: string, key: string) => new ServiceError("INVALID", key, `notice.${field}`);

/** Refuses `field` with `key` when `find` does not return every one of the (non-empty) `wanted`. */
async function refuseUnknown<T>(wanted: readonly T[], find: () => Promise<T[]>, field: string, key: string) {
  if (!wanted.length) return;
  const found = new Set(await find());
  if (wanted.some((value) => !found.has(value))) throw invalid(field, key);
}

/** The notice's country: its crossing's when it names one, else the one given. */
async function placeCountry(tx: Tx, notice: NoticeInput): Promise<string | null> {
  if (!notice.crossingId) return notice.countryCode ?? null;
  const [crossing] = await tx.select({ countryCode: crossings.countryCode }).from(crossings).where(eq(crossings.id, notice.crossingId));
  if (!crossing) throw invalid("crossingId", "unknownCrossing");
  return crossing.countryCode;
}

/** Every field that names countries, with the codes it names, in the order a refusal names them. */
function countryFieldsOf(notice: NoticeInput, countryCode: string | null): [string, string[]][] {
  const fields: [string, string[]][] = [["countryCode", countryCode ? [countryCode] : []]];
  if (notice.kind === "seizure") {
    fields.push(
      ["originCountries", notice.originCountries],
      ["transitCountries", notice.transitCountries],
      ["destinationCountries", notice.destinationCountries],
    );
  }
  if (notice.kind === "company_alert") {
    fields.push(["registrationCountryCode", notice.registrationCountryCode ? [notice.registrationCountryCode] : []]);
  }
  if (notice.kind === "arrest") {
    fields.push(...notice.persons.map((p, i): [string, string[]] => [`persons.${i}.nationalityCode`, p.nationalityCode ? [p.nationalityCode] : []]));
  }
  return fields;
}

async function checkCountries(tx: Tx, countryFields: [string, string[]][]) {
  const allCountries = countryFields.flatMap(([, codes]) => codes);
  if (!allCountries.length) return;
  const known = new Set((await tx.select({ code: countries.code }).from(countries).where(inArray(countries.code, allCountries))).map((c) => c.code));
  const wrong = countryFields.find(([, codes]) => codes.some((code) => !known.has(code)));
  if (wrong) throw invalid(wrong[0], "unknownCountry");
}

/** Agencies a notice is released to must be active; the seizing or arresting agency must exist. */
async function checkAgencies(tx: Tx, notice: NoticeInput) {
  const releaseAgencies = notice.tlp === "amber" || notice.tlp === "amber_strict" ? notice.releaseAgencyIds : [];
  await refuseUnknown(
    releaseAgencies,
    async () =>
      (
        await tx
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(inArray(agencies.id, releaseAgencies), eq(agencies.active, true)))
      ).map((a) => a.id),
    "releaseAgencyIds",
    "unknownAgency",
  );
  const otherAgencies = [
    ...(notice.kind === "seizure" && notice.seizingAgencyId ? [notice.seizingAgencyId] : []),
    ...(notice.kind === "arrest" && notice.arrestingAgencyId ? [notice.arrestingAgencyId] : []),
  ];
  await refuseUnknown(
    otherAgencies,
    async () => (await tx.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, otherAgencies))).map((a) => a.id),
    notice.kind === "seizure" ? "seizingAgencyId" : "arrestingAgencyId",
    "unknownAgency",
  );
}

/** An AMBER notice is released only to member countries; a RED one only to active users. */
async function checkReleaseTargets(tx: Tx, notice: NoticeInput) {
  const releaseCountries = notice.tlp === "amber" ? notice.releaseCountryCodes : [];
  await refuseUnknown(
    releaseCountries,
    async () =>
      (
        await tx
          .select({ code: countries.code })
          .from(countries)
          .where(and(inArray(countries.code, releaseCountries), eq(countries.isMember, true)))
      ).map((c) => c.code),
    "releaseCountryCodes",
    "notMemberCountry",
  );
  const recipients = notice.tlp === "red" ? notice.recipientIds : [];
  await refuseUnknown(
    recipients,
    async () =>
      (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, recipients), eq(users.status, "active")))
      ).map((u) => u.id),
    "recipientIds",
    "unknownRecipient",
  );
}

/** A seizure's substances and an arrest's charges must be in the reference lists. */
async function checkVocabulary(tx: Tx, notice: NoticeInput) {
  if (notice.kind === "seizure") {
    const wanted = notice.items.flatMap((item) => (item.substanceId ? [item.substanceId] : []));
    await refuseUnknown(
      wanted,
      async () => (await tx.select({ id: substances.id }).from(substances).where(inArray(substances.id, wanted))).map((s) => s.id),
      "items",
      "unknownSubstance",
    );
  }
  if (notice.kind === "arrest") {
    const wanted = notice.chargeIds;
    await refuseUnknown(
      wanted,
      async () => (await tx.select({ id: criminalProvisions.id }).from(criminalProvisions).where(inArray(criminalProvisions.id, wanted))).map((p) => p.id),
      "chargeIds",
      "unknownProvision",
    );
  }
}

/**
 * Checks everything the input names against the database, whatever the TLP field says: share
 * targets must be active agencies, member countries and active users, so a notice can never be
 * released to something that does not exist (or is switched off).
 */
export async function checkReferences(tx: Tx, notice: NoticeInput): Promise<{ countryCode: string | null }> {
  const countryCode = await placeCountry(tx, notice);
  await checkCountries(tx, countryFieldsOf(notice, countryCode));
  await checkAgencies(tx, notice);
  await checkReleaseTargets(tx, notice);
  await checkVocabulary(tx, notice);
  return { countryCode };
}

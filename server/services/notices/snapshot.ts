import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "~/db/index";
import {
  agencies,
  arrestCharges,
  arrestDetails,
  arrestPersons,
  companyAlerts,
  crossings,
  noticeRecipients,
  noticeReleaseAgencies,
  noticeReleaseCountries,
  notices,
  seizureDetails,
  seizureItems,
  substances,
  users,
} from "~/db/schema";

const names = (row: { nameEn: string; nameRu: string; nameZh: string | null }) => ({ en: row.nameEn, ru: row.nameRu, zh: row.nameZh });

const releasedBy = alias(users, "released_by");

/**
 * A notice in full, as one explicit shape: what readers are shown and what the version history
 * keeps. Callers decide who may have it (visibility is applied before this is called).
 */
export async function loadSnapshot(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({
      notice: notices,
      crossing: { id: crossings.id, nameEn: crossings.nameEn, nameRu: crossings.nameRu, nameZh: crossings.nameZh },
      agency: { id: agencies.id, nameEn: agencies.nameEn, nameRu: agencies.nameRu, nameZh: agencies.nameZh, shortName: agencies.shortName },
      author: { id: users.id, name: users.name },
      releasedBy: { id: releasedBy.id, name: releasedBy.name },
    })
    .from(notices)
    .innerJoin(agencies, eq(agencies.id, notices.agencyId))
    .innerJoin(users, eq(users.id, notices.authorId))
    .leftJoin(crossings, eq(crossings.id, notices.crossingId))
    .leftJoin(releasedBy, eq(releasedBy.id, notices.releasedById))
    .where(eq(notices.id, id));
  if (!row) throw new Error(`notice ${id} vanished inside its transaction`);
  const n = row.notice;

  const [releaseAgencies, releaseCountries, recipients] = await Promise.all([
    tx
      .select({ id: agencies.id, nameEn: agencies.nameEn, nameRu: agencies.nameRu, nameZh: agencies.nameZh, shortName: agencies.shortName })
      .from(noticeReleaseAgencies)
      .innerJoin(agencies, eq(agencies.id, noticeReleaseAgencies.agencyId))
      .where(eq(noticeReleaseAgencies.noticeId, id))
      .orderBy(asc(agencies.id)),
    tx
      .select({ code: noticeReleaseCountries.countryCode })
      .from(noticeReleaseCountries)
      .where(eq(noticeReleaseCountries.noticeId, id))
      .orderBy(asc(noticeReleaseCountries.countryCode)),
    tx
      .select({ id: users.id, name: users.name })
      .from(noticeRecipients)
      .innerJoin(users, eq(users.id, noticeRecipients.userId))
      .where(eq(noticeRecipients.noticeId, id))
      .orderBy(asc(users.name)),
  ]);

  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    narrative: n.narrative,
    occurredOn: n.occurredOn,
    occurredAt: n.occurredAt?.toISOString() ?? null,
    crossing: row.crossing ? { id: row.crossing.id, names: names(row.crossing) } : null,
    placeText: n.placeText,
    countryCode: n.countryCode,
    latitude: n.latitude,
    longitude: n.longitude,
    agency: { id: row.agency.id, names: names(row.agency), shortName: row.agency.shortName },
    author: row.author,
    tags: n.tags,
    tlp: n.tlp,
    allowDeconfliction: n.allowDeconfliction,
    release: {
      agencies: releaseAgencies.map((a) => ({ id: a.id, names: names(a), shortName: a.shortName })),
      countryCodes: releaseCountries.map((c) => c.code),
      recipients,
    },
    status: n.status,
    sourceReliability: n.sourceReliability,
    infoCredibility: n.infoCredibility,
    handlingCode: n.handlingCode,
    version: n.version,
    publishedAt: n.publishedAt?.toISOString() ?? null,
    releasedBy: row.releasedBy,
    retractedAt: n.retractedAt?.toISOString() ?? null,
    retractedReason: n.retractedReason,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    ...(await kindDetails(tx, id, n.kind)),
  };
}

export type NoticeSnapshot = Awaited<ReturnType<typeof loadSnapshot>>;

async function kindDetails(tx: DbOrTx, id: string, kind: (typeof notices.$inferSelect)["kind"]) {
  if (kind === "seizure") {
    const [details] = await tx.select().from(seizureDetails).where(eq(seizureDetails.noticeId, id));
    const items = await tx
      .select({
        substanceId: seizureItems.substanceId,
        substance: { nameEn: substances.nameEn, nameRu: substances.nameRu, nameZh: substances.nameZh },
        description: seizureItems.description,
        quantity: seizureItems.quantity,
        unit: seizureItems.unit,
        massKg: seizureItems.massKg,
      })
      .from(seizureItems)
      .leftJoin(substances, eq(substances.id, seizureItems.substanceId))
      .where(eq(seizureItems.noticeId, id))
      .orderBy(asc(seizureItems.position));
    return {
      seizure: {
        items: items.map((item) => ({ ...item, substance: item.substanceId && item.substance ? names(item.substance) : null })),
        concealment: details?.concealment ?? null,
        declaredAs: details?.declaredAs ?? null,
        declaredHsCode: details?.declaredHsCode ?? null,
        conveyance: details?.conveyance ?? null,
        conveyanceIds: details?.conveyanceIds ?? [],
        originCountries: details?.originCountries ?? [],
        transitCountries: details?.transitCountries ?? [],
        destinationCountries: details?.destinationCountries ?? [],
        seizingAgencyId: details?.seizingAgencyId ?? null,
        consignor: details?.consignor ?? null,
        consignee: details?.consignee ?? null,
        phones: details?.phones ?? [],
      },
    };
  }
  if (kind === "company_alert") {
    const [alert] = await tx.select().from(companyAlerts).where(eq(companyAlerts.noticeId, id));
    return {
      companyAlert: {
        names: alert?.names ?? [],
        registrationNumbers: alert?.registrationNumbers ?? [],
        registrationCountryCode: alert?.registrationCountryCode ?? null,
        addresses: alert?.addresses ?? [],
        owners: alert?.owners ?? [],
        phones: alert?.phones ?? [],
        grounds: alert?.grounds ?? [],
        groundsNote: alert?.groundsNote ?? null,
        recommendedAction: alert?.recommendedAction ?? "",
        expiresOn: alert?.expiresOn ?? null,
      },
    };
  }
  const [details] = await tx.select().from(arrestDetails).where(eq(arrestDetails.noticeId, id));
  const persons = await tx
    .select({ names: arrestPersons.names, nationalityCode: arrestPersons.nationalityCode, birthYear: arrestPersons.birthYear, role: arrestPersons.role })
    .from(arrestPersons)
    .where(eq(arrestPersons.noticeId, id))
    .orderBy(asc(arrestPersons.position));
  const charges = await tx
    .select({ provisionId: arrestCharges.provisionId })
    .from(arrestCharges)
    .where(eq(arrestCharges.noticeId, id))
    .orderBy(asc(arrestCharges.provisionId));
  return {
    arrest: {
      arrestingAgencyId: details?.arrestingAgencyId ?? null,
      status: details?.status ?? "detained",
      persons,
      chargeIds: charges.map((c) => c.provisionId),
      companies: details?.companies ?? [],
      phones: details?.phones ?? [],
    },
  };
}

import { asc, eq, inArray } from "drizzle-orm";
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

/** Rows of several notices, each notice's rows in the order the query gave them. */
function byNotice<T extends { noticeId: string }>(rows: T[]): (id: string) => Omit<T, "noticeId">[] {
  const grouped = new Map<string, Omit<T, "noticeId">[]>();
  for (const { noticeId, ...rest } of rows) {
    const list = grouped.get(noticeId) ?? [];
    list.push(rest);
    grouped.set(noticeId, list);
  }
  return (id) => grouped.get(id) ?? [];
}

/**
 * A notice in full, as one explicit shape: what readers are shown and what the version history
 * keeps. Callers decide who may have it (visibility is applied before this is called).
 */
export async function loadSnapshot(tx: DbOrTx, id: string) {
  const [snapshot] = await loadSnapshots(tx, [id]);
  if (!snapshot) throw new Error(`notice ${id} vanished inside its transaction`);
  return snapshot;
}

/**
 * Several notices in full, in the order of `ids` (an id that does not exist is left out): a fixed
 * number of statements whatever their count, so that an export of a thousand notices is not a
 * thousand round trips of each.
 */
export async function loadSnapshots(tx: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
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
    .where(inArray(notices.id, ids));
  const byId = new Map(rows.map((row) => [row.notice.id, row]));
  const [release, details] = await Promise.all([
    releasesOf(tx, ids),
    kindDetails(
      tx,
      rows.map((row) => ({ id: row.notice.id, kind: row.notice.kind })),
    ),
  ]);

  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const n = row.notice;
    return [
      {
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
        release: release(id),
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
        ...details(id, n.kind),
      },
    ];
  });
}

export type NoticeSnapshot = Awaited<ReturnType<typeof loadSnapshot>>;

/** Whom each of several notices is released to: agencies, member countries, named recipients. */
async function releasesOf(tx: DbOrTx, ids: string[]) {
  const [releaseAgencies, releaseCountries, recipients] = await Promise.all([
    tx
      .select({
        noticeId: noticeReleaseAgencies.noticeId,
        id: agencies.id,
        nameEn: agencies.nameEn,
        nameRu: agencies.nameRu,
        nameZh: agencies.nameZh,
        shortName: agencies.shortName,
      })
      .from(noticeReleaseAgencies)
      .innerJoin(agencies, eq(agencies.id, noticeReleaseAgencies.agencyId))
      .where(inArray(noticeReleaseAgencies.noticeId, ids))
      .orderBy(asc(agencies.id))
      .then(byNotice),
    tx
      .select({ noticeId: noticeReleaseCountries.noticeId, code: noticeReleaseCountries.countryCode })
      .from(noticeReleaseCountries)
      .where(inArray(noticeReleaseCountries.noticeId, ids))
      .orderBy(asc(noticeReleaseCountries.countryCode))
      .then(byNotice),
    tx
      .select({ noticeId: noticeRecipients.noticeId, id: users.id, name: users.name })
      .from(noticeRecipients)
      .innerJoin(users, eq(users.id, noticeRecipients.userId))
      .where(inArray(noticeRecipients.noticeId, ids))
      .orderBy(asc(users.name))
      .then(byNotice),
  ]);
  return (id: string) => ({
    agencies: releaseAgencies(id).map((a) => ({ id: a.id, names: names(a), shortName: a.shortName })),
    countryCodes: releaseCountries(id).map((c) => c.code),
    recipients: recipients(id),
  });
}

type Kind = (typeof notices.$inferSelect)["kind"];

/** Each kind's own details of several notices, read in one statement per table whatever their count. */
async function kindDetails(tx: DbOrTx, wanted: { id: string; kind: Kind }[]) {
  const ofKind = (kind: Kind) => wanted.filter((n) => n.kind === kind).map((n) => n.id);
  const [seizures, alerts, arrests] = await Promise.all([
    seizureDetailsOf(tx, ofKind("seizure")),
    alertDetailsOf(tx, ofKind("company_alert")),
    arrestDetailsOf(tx, ofKind("arrest")),
  ]);
  // Literal objects per kind, so that each snapshot type names the other kinds' details as undefined.
  return (id: string, kind: Kind) => {
    if (kind === "seizure") return { seizure: seizures(id) };
    if (kind === "company_alert") return { companyAlert: alerts(id) };
    return { arrest: arrests(id) };
  };
}

async function seizureDetailsOf(tx: DbOrTx, ids: string[]) {
  const [details, items] = ids.length
    ? await Promise.all([
        tx.select().from(seizureDetails).where(inArray(seizureDetails.noticeId, ids)),
        tx
          .select({
            noticeId: seizureItems.noticeId,
            substanceId: seizureItems.substanceId,
            substance: { nameEn: substances.nameEn, nameRu: substances.nameRu, nameZh: substances.nameZh },
            description: seizureItems.description,
            quantity: seizureItems.quantity,
            unit: seizureItems.unit,
            massKg: seizureItems.massKg,
          })
          .from(seizureItems)
          .leftJoin(substances, eq(substances.id, seizureItems.substanceId))
          .where(inArray(seizureItems.noticeId, ids))
          .orderBy(asc(seizureItems.position)),
      ])
    : [[], []];
  const detailsOf = new Map(details.map((row) => [row.noticeId, row]));
  const itemsOf = byNotice(items);
  return (id: string) => {
    const d = detailsOf.get(id);
    return {
      items: itemsOf(id).map((item) => ({ ...item, substance: item.substanceId && item.substance ? names(item.substance) : null })),
      concealment: d?.concealment ?? null,
      declaredAs: d?.declaredAs ?? null,
      declaredHsCode: d?.declaredHsCode ?? null,
      conveyance: d?.conveyance ?? null,
      conveyanceIds: d?.conveyanceIds ?? [],
      originCountries: d?.originCountries ?? [],
      transitCountries: d?.transitCountries ?? [],
      destinationCountries: d?.destinationCountries ?? [],
      seizingAgencyId: d?.seizingAgencyId ?? null,
      consignor: d?.consignor ?? null,
      consignee: d?.consignee ?? null,
      phones: d?.phones ?? [],
    };
  };
}

async function alertDetailsOf(tx: DbOrTx, ids: string[]) {
  const rows = ids.length ? await tx.select().from(companyAlerts).where(inArray(companyAlerts.noticeId, ids)) : [];
  const alertOf = new Map(rows.map((row) => [row.noticeId, row]));
  return (id: string) => {
    const alert = alertOf.get(id);
    return {
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
    };
  };
}

async function arrestDetailsOf(tx: DbOrTx, ids: string[]) {
  const [details, persons, charges] = ids.length
    ? await Promise.all([
        tx.select().from(arrestDetails).where(inArray(arrestDetails.noticeId, ids)),
        tx
          .select({
            noticeId: arrestPersons.noticeId,
            names: arrestPersons.names,
            nationalityCode: arrestPersons.nationalityCode,
            birthYear: arrestPersons.birthYear,
            role: arrestPersons.role,
          })
          .from(arrestPersons)
          .where(inArray(arrestPersons.noticeId, ids))
          .orderBy(asc(arrestPersons.position)),
        tx
          .select({ noticeId: arrestCharges.noticeId, provisionId: arrestCharges.provisionId })
          .from(arrestCharges)
          .where(inArray(arrestCharges.noticeId, ids))
          .orderBy(asc(arrestCharges.provisionId)),
      ])
    : [[], [], []];
  const detailsOf = new Map(details.map((row) => [row.noticeId, row]));
  const personsOf = byNotice(persons);
  const chargesOf = byNotice(charges);
  return (id: string) => {
    const d = detailsOf.get(id);
    return {
      arrestingAgencyId: d?.arrestingAgencyId ?? null,
      status: d?.status ?? "detained",
      persons: personsOf(id),
      chargeIds: chargesOf(id).map((c) => c.provisionId),
      companies: d?.companies ?? [],
      phones: d?.phones ?? [],
    };
  };
}

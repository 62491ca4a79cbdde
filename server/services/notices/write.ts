import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Tx } from "~/db/index";
import {
  agencies,
  arrestCharges,
  arrestDetails,
  arrestPersons,
  companyAlerts,
  countries,
  criminalProvisions,
  crossings,
  noticeLinks,
  noticeRecipients,
  noticeReleaseAgencies,
  noticeReleaseCountries,
  notices,
  noticeVersions,
  seizureDetails,
  seizureItems,
  substances,
  users,
} from "~/db/schema";
import type { NoticeStatus } from "~/schemas/notice-enums";
import type { NoticeInput } from "~/schemas/notices";
import type { Viewer } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { notFound, ServiceError } from "~/server/services/errors";
import { visibleTo } from "~/server/services/visibility";
import { normalizedMassKg } from "./mass";
import { waitsForReview } from "~/server/services/moderation/pre-moderation";
import { recordNoticeEvent } from "./events";
import { linkPair } from "./link-pair";
import { loadSnapshot } from "./snapshot";
import { submissionDigest } from "./submission-digest";
import { identifierKey } from "./identifiers";
import { zonedToInstant } from "./time";

// Field paths as in the procedures' input ({ notice: … }), so forms place service and schema
// errors alike.
const invalid = (field: string, key: string) => new ServiceError("INVALID", key, `notice.${field}`);

function missing<T>(found: readonly T[], wanted: readonly T[]): T[] {
  const set = new Set(found);
  return wanted.filter((value) => !set.has(value));
}

/**
 * Checks everything the input names against the database, whatever the TLP field says: share
 * targets must be active agencies, member countries and active users, so a notice can never be
 * released to something that does not exist (or is switched off).
 */
async function checkReferences(tx: Tx, notice: NoticeInput): Promise<{ countryCode: string | null }> {
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
    ...(notice.kind === "company_alert" ? ([["registrationCountryCode", notice.registrationCountryCode ? [notice.registrationCountryCode] : []]] as [string, string[]][]) : []),
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
    const found = await tx.select({ id: agencies.id }).from(agencies).where(and(inArray(agencies.id, releaseAgencies), eq(agencies.active, true)));
    if ((missing(found.map((a) => a.id), releaseAgencies)).length) throw invalid("releaseAgencyIds", "unknownAgency");
  }
  if (otherAgencies.length) {
    const found = await tx.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, otherAgencies));
    if ((missing(found.map((a) => a.id), otherAgencies)).length) throw invalid(notice.kind === "seizure" ? "seizingAgencyId" : "arrestingAgencyId", "unknownAgency");
  }
  const releaseCountries = notice.tlp === "amber" ? notice.releaseCountryCodes : [];
  if (releaseCountries.length) {
    const found = await tx.select({ code: countries.code }).from(countries).where(and(inArray(countries.code, releaseCountries), eq(countries.isMember, true)));
    if ((missing(found.map((c) => c.code), releaseCountries)).length) throw invalid("releaseCountryCodes", "notMemberCountry");
  }
  const recipients = notice.tlp === "red" ? notice.recipientIds : [];
  if (recipients.length) {
    const found = await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, recipients), eq(users.status, "active")));
    if ((missing(found.map((u) => u.id), recipients)).length) throw invalid("recipientIds", "unknownRecipient");
  }
  if (notice.kind === "seizure") {
    const wanted = notice.items.flatMap((item) => (item.substanceId ? [item.substanceId] : []));
    if (wanted.length) {
      const found = await tx.select({ id: substances.id }).from(substances).where(inArray(substances.id, wanted));
      if ((missing(found.map((s) => s.id), wanted)).length) throw invalid("items", "unknownSubstance");
    }
  }
  if (notice.kind === "arrest" && notice.chargeIds.length) {
    const found = await tx.select({ id: criminalProvisions.id }).from(criminalProvisions).where(inArray(criminalProvisions.id, notice.chargeIds));
    if ((missing(found.map((p) => p.id), notice.chargeIds)).length) throw invalid("chargeIds", "unknownProvision");
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

function commonColumns(viewer: Viewer, notice: NoticeInput, countryCode: string | null) {
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

/** (Re)writes the release lists and the kind's details; on edit, what was there is replaced. */
async function writeParts(tx: Tx, noticeId: string, notice: NoticeInput, replacing: boolean) {
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
  } else if (notice.kind === "company_alert") {
    await tx.insert(companyAlerts).values({
      noticeId,
      names: notice.names,
      registrationNumbers: notice.registrationNumbers,
      registrationCountryCode: notice.registrationCountryCode ?? null,
      addresses: notice.addresses,
      owners: notice.owners,
      grounds: notice.grounds,
      groundsNote: notice.groundsNote ?? null,
      recommendedAction: notice.recommendedAction,
      expiresOn: notice.expiresOn,
    });
  } else {
    await tx.insert(arrestDetails).values({ noticeId, arrestingAgencyId: notice.arrestingAgencyId ?? null, status: notice.arrestStatus });
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
}

/**
 * Where a new (or newly submitted) notice goes: analysts of an agency that requires a chief's
 * release wait for one; RED notices never do, since a chief is not among their readers.
 */
async function submittedStatus(tx: Tx, viewer: Viewer, tlp: NoticeInput["tlp"]): Promise<"pending_release" | "pending_review" | "published"> {
  if (tlp !== "red" && !viewer.permissions.has("notice.release")) {
    const [agency] = await tx.select({ requiresRelease: agencies.requiresRelease }).from(agencies).where(eq(agencies.id, viewer.agencyId));
    if (agency?.requiresRelease) return "pending_release";
  }
  // Then, for pre-moderated authors and agencies, a coordinator's approval.
  return (await waitsForReview(tx, viewer.userId, tlp)) ? "pending_review" : "published";
}

/** The ids among `ids` that the viewer may read. */
async function visibleIds(tx: Tx, viewer: Viewer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx.select({ id: notices.id }).from(notices).where(and(inArray(notices.id, ids), visibleTo(viewer)));
  return new Set(rows.map((r) => r.id));
}

/**
 * A retry of a create that already happened answers with that notice, changing nothing; the same
 * key with other content is not a retry (a form restored from this device after its notice was
 * sent, then edited), and is refused rather than answered with a notice that is not what was sent.
 */
function earlierSubmission(earlier: { id: string; status: NoticeStatus; digest: string | null }, digest: string) {
  // No digest: created before there were any (migration 0016); taken as the same submission.
  if (earlier.digest !== null && earlier.digest !== digest) throw new ServiceError("CONFLICT", "idempotencyKeyReused");
  return { id: earlier.id, status: earlier.status, created: false };
}

export async function createNotice({ viewer, input }: { viewer: Viewer; input: { idempotencyKey: string; asDraft: boolean; notice: NoticeInput } }) {
  const digest = submissionDigest({ asDraft: input.asDraft, notice: input.notice });
  const sameKey = and(eq(notices.authorId, viewer.userId), eq(notices.idempotencyKey, input.idempotencyKey));
  const submitted = { id: notices.id, status: notices.status, digest: notices.idempotencyDigest };
  return db.transaction(async (tx) => {
    const [earlier] = await tx.select(submitted).from(notices).where(sameKey);
    if (earlier) return earlierSubmission(earlier, digest);

    const { notice } = input;
    const { countryCode } = await checkReferences(tx, notice);
    const status = input.asDraft ? "draft" : await submittedStatus(tx, viewer, notice.tlp);
    const inserted = await tx
      .insert(notices)
      .values({
        ...commonColumns(viewer, notice, countryCode),
        agencyId: viewer.agencyId,
        authorId: viewer.userId,
        status,
        publishedAt: status === "published" ? sql`now()` : null,
        idempotencyKey: input.idempotencyKey,
        idempotencyDigest: digest,
      })
      .onConflictDoNothing({ target: [notices.authorId, notices.idempotencyKey] })
      .returning({ id: notices.id, status: notices.status });
    const row = inserted[0];
    // Lost a race with a concurrent retry of the same submission: that one's notice stands.
    if (!row) {
      const [winner] = await tx.select(submitted).from(notices).where(sameKey);
      return earlierSubmission(winner!, digest);
    }
    await writeParts(tx, row.id, notice, false);
    await audit(tx, { action: "notice.create", actor: viewer, target: { type: "notice", id: row.id }, details: { kind: notice.kind, tlp: notice.tlp, status } });
    if (status === "published") await recordNoticeEvent(tx, { noticeId: row.id, kind: "published", actorUserId: viewer.userId });
    return { ...row, created: true };
  });
}

/**
 * The notice if the viewer may change it: visible to them, not retracted, and theirs or their
 * agency's. Invisible is NOT_FOUND; visible but someone else's is FORBIDDEN.
 */
async function editableNotice(tx: Tx, viewer: Viewer, id: string) {
  const [row] = await tx
    .select({ id: notices.id, version: notices.version, status: notices.status, kind: notices.kind, tlp: notices.tlp, agencyId: notices.agencyId, authorId: notices.authorId })
    .from(notices)
    .where(and(eq(notices.id, id), visibleTo(viewer)))
    .for("update");
  if (!row) throw notFound();
  if (row.authorId !== viewer.userId && row.agencyId !== viewer.agencyId) throw new ServiceError("FORBIDDEN", "notYourNotice");
  if (row.status === "retracted") throw new ServiceError("CONFLICT", "noticeRetracted");
  // Decided by moderation for good: a rejected notice stays as refused, a merged one lives on in its survivor.
  if (row.status === "rejected" || row.status === "merged") throw new ServiceError("CONFLICT", "noticeClosedByModeration");
  return row;
}

export async function updateNotice({ viewer, input }: { viewer: Viewer; input: { id: string; version: number; notice: NoticeInput } }) {
  return db.transaction(async (tx) => {
    const current = await editableNotice(tx, viewer, input.id);
    if (current.version !== input.version) throw new ServiceError("CONFLICT", "versionConflict");
    if (current.kind !== input.notice.kind) throw invalid("kind", "kindChange");
    const before: Record<string, unknown> = await loadSnapshot(tx, input.id);
    const { countryCode } = await checkReferences(tx, input.notice);
    // Anything but a draft goes where a new notice with the new content would: an analyst's edit
    // in an agency that requires release waits for a chief again, so no unreleased text reaches
    // other agencies; made RED, it cannot wait for a chief, who is not among its readers.
    // A notice sent back by a coordinator (or still waiting for one) goes back to them, whoever wrote it.
    const underReview = (current.status === "changes_requested" || current.status === "pending_review") && input.notice.tlp !== "red";
    const status = current.status === "draft" ? "draft" : underReview ? "pending_review" : await submittedStatus(tx, viewer, input.notice.tlp);
    await tx
      .update(notices)
      .set({
        ...commonColumns(viewer, input.notice, countryCode),
        ...(status === current.status ? {} : { status, publishedAt: status === "published" ? sql`now()` : null }),
        version: sql`${notices.version} + 1`,
      })
      .where(eq(notices.id, input.id));
    await writeParts(tx, input.id, input.notice, true);
    const after: Record<string, unknown> = await loadSnapshot(tx, input.id);
    const changedFields = Object.keys(after).filter((key) => !UNVERSIONED.has(key) && JSON.stringify(after[key]) !== JSON.stringify(before[key]));
    await tx.insert(noticeVersions).values({ noticeId: input.id, version: current.version, snapshot: before, changedFields, editedById: viewer.userId });
    await audit(tx, { action: "notice.edit", actor: viewer, target: { type: "notice", id: input.id }, details: { version: current.version + 1, changedFields } });
    if (status !== "draft") await recordNoticeEvent(tx, { noticeId: input.id, kind: "edited", actorUserId: viewer.userId });
    return { id: input.id, version: current.version + 1, changedFields };
  });
}

const UNVERSIONED = new Set(["version", "updatedAt", "createdAt", "status", "publishedAt", "retractedAt", "retractedReason"]);

/** Submits a draft: published, or waiting for a chief where the agency requires it. */
export async function submitDraft({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const current = await editableNotice(tx, viewer, input.id);
    if (current.status !== "draft") throw new ServiceError("CONFLICT", "notADraft");
    const status = await submittedStatus(tx, viewer, current.tlp);
    await tx
      .update(notices)
      .set({ status, publishedAt: status === "published" ? sql`now()` : null })
      .where(eq(notices.id, input.id));
    await audit(tx, { action: "notice.submit", actor: viewer, target: { type: "notice", id: input.id }, details: { status } });
    if (status === "published") await recordNoticeEvent(tx, { noticeId: input.id, kind: "published", actorUserId: viewer.userId });
    return { id: input.id, status };
  });
}

/** A chief of the originating agency releases a notice that waits for release. */
export async function releaseNotice({ viewer, input }: { viewer: Viewer; input: { id: string } }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ authorId: notices.authorId, tlp: notices.tlp })
      .from(notices)
      .where(and(eq(notices.id, input.id), eq(notices.status, "pending_release"), eq(notices.agencyId, viewer.agencyId), visibleTo(viewer)))
      .for("update");
    if (!row) throw notFound();
    // Released by its agency, a pre-moderated author's notice still waits for a coordinator.
    const status = (await waitsForReview(tx, row.authorId, row.tlp)) ? "pending_review" : "published";
    await tx
      .update(notices)
      .set({ status, publishedAt: status === "published" ? sql`now()` : null, releasedById: viewer.userId })
      .where(eq(notices.id, input.id));
    await audit(tx, { action: "notice.release", actor: viewer, target: { type: "notice", id: input.id }, details: { status } });
    if (status === "published") await recordNoticeEvent(tx, { noticeId: input.id, kind: "released", actorUserId: viewer.userId });
    return { id: input.id, status };
  });
}

export async function retractNotice({ viewer, input }: { viewer: Viewer; input: { id: string; reason: string } }) {
  return db.transaction(async (tx) => {
    const current = await editableNotice(tx, viewer, input.id);
    if (current.status !== "published") throw new ServiceError("CONFLICT", "notPublished");
    await tx
      .update(notices)
      .set({ status: "retracted", retractedAt: sql`now()`, retractedReason: input.reason })
      .where(eq(notices.id, input.id));
    await audit(tx, { action: "notice.retract", actor: viewer, target: { type: "notice", id: input.id }, details: { reason: input.reason } });
    await recordNoticeEvent(tx, { noticeId: input.id, kind: "retracted", actorUserId: viewer.userId });
    return { id: input.id, status: "retracted" as const };
  });
}

/** Links two notices as related; the viewer must be able to read both. */
export async function linkNotices({ viewer, input }: { viewer: Viewer; input: { id: string; otherId: string } }) {
  if (input.id === input.otherId) throw new ServiceError("INVALID", "linkToSelf", "otherId");
  return db.transaction(async (tx) => {
    const visible = await visibleIds(tx, viewer, [input.id, input.otherId]);
    if (visible.size !== 2) throw notFound();
    const pair = linkPair(input.id, input.otherId);
    const [row] = await tx.insert(noticeLinks).values({ ...pair, createdById: viewer.userId }).onConflictDoNothing().returning();
    if (row) {
      await audit(tx, { action: "notice.link", actor: viewer, target: { type: "notice", id: input.id }, details: { otherId: input.otherId } });
      // Watchers of either notice learn of the new relation.
      for (const [noticeId, mentionedNoticeId] of [[input.id, input.otherId], [input.otherId, input.id]] as const) {
        await recordNoticeEvent(tx, { noticeId, kind: "linked", mentionedNoticeId, actorUserId: viewer.userId });
      }
    }
    return { linked: true };
  });
}

export async function unlinkNotices({ viewer, input }: { viewer: Viewer; input: { id: string; otherId: string } }) {
  return db.transaction(async (tx) => {
    const visible = await visibleIds(tx, viewer, [input.id, input.otherId]);
    if (visible.size !== 2) throw notFound();
    const pair = linkPair(input.id, input.otherId);
    const [row] = await tx
      .delete(noticeLinks)
      .where(and(eq(noticeLinks.noticeA, pair.noticeA), eq(noticeLinks.noticeB, pair.noticeB)))
      .returning();
    if (!row) throw notFound();
    await audit(tx, { action: "notice.unlink", actor: viewer, target: { type: "notice", id: input.id }, details: { otherId: input.otherId } });
    return { linked: false };
  });
}

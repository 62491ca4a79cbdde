import type { NoticeKind } from "~/schemas/notice-enums";
import type { NoticeInput } from "~/schemas/notices";
import type { NoticeSnapshot } from "~/server/services/notices/snapshot";

/** The form's values as Conform takes them: text, numbers, lists and nested rows, unvalidated. */
export type NoticeFormDefaults = Record<string, any>;

/**
 * What a new notice starts with when reported from a crossing's or a substance's page, or from a
 * screened declaration's line (what the goods were declared as, the HS code, the vehicle).
 */
export type Prefill = { crossingId?: string; substanceId?: string; declaredAs?: string; declaredHsCode?: string; conveyanceIds?: string[] };

function newDetails(kind: NoticeKind, ownAgencyId: string, prefill: Prefill) {
  if (kind === "seizure") {
    const { declaredAs, declaredHsCode, conveyanceIds } = prefill;
    return { items: [{ substanceId: prefill.substanceId, unit: "kg" }], seizingAgencyId: ownAgencyId, declaredAs, declaredHsCode, conveyanceIds };
  }
  if (kind === "company_alert") return { names: [{ script: "latin" }] };
  return { persons: [{}], arrestingAgencyId: ownAgencyId };
}

/**
 * A new notice, with the idempotency key that makes every post of this form one notice. The
 * marking and the grading start unchosen: the author decides them each time. The handling code
 * starts at the most protective use, which is what most notices carry.
 */
export function newNoticeValues(kind: NoticeKind, ownAgencyId: string, idempotencyKey: string, prefill: Prefill = {}): NoticeFormDefaults {
  return { idempotencyKey, notice: { kind, crossingId: prefill.crossingId, handlingCode: "intelligence_only", ...newDetails(kind, ownAgencyId, prefill) } };
}

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

function detailsOf(notice: NoticeSnapshot) {
  if (notice.seizure) {
    const { items, ...seizure } = notice.seizure;
    return { ...seizure, items: items.map(({ substanceId, description, quantity, unit }) => ({ substanceId, description, quantity, unit })) };
  }
  if (notice.companyAlert) {
    const { names, ...alert } = notice.companyAlert;
    return { ...alert, names: names.length ? names : [{ script: "latin" }] };
  }
  if (!notice.arrest) throw new Error("a notice without the details of its kind");
  const { status, ...arrest } = notice.arrest;
  return { ...arrest, arrestStatus: status };
}

/** The form filled in with a notice as it stands, for editing from its version. */
export function valuesFromSnapshot(notice: NoticeSnapshot, timeZone: string): NoticeFormDefaults {
  const when = notice.occurredAt ? zonedDateTime(notice.occurredAt, timeZone) : { date: notice.occurredOn, time: "" };
  return {
    id: notice.id,
    version: notice.version,
    notice: {
      kind: notice.kind,
      title: notice.title,
      narrative: notice.narrative,
      occurredOn: when.date,
      occurredTime: when.time,
      crossingId: notice.crossing?.id,
      placeText: notice.placeText,
      countryCode: notice.crossing ? undefined : notice.countryCode,
      latitude: notice.latitude,
      longitude: notice.longitude,
      tags: notice.tags,
      tlp: notice.tlp,
      releaseAgencyIds: notice.release.agencies.map((a) => a.id),
      releaseCountryCodes: notice.release.countryCodes,
      recipientIds: notice.release.recipients.map((r) => r.id),
      sourceReliability: notice.sourceReliability,
      infoCredibility: notice.infoCredibility,
      handlingCode: notice.handlingCode,
      allowDeconfliction: notice.allowDeconfliction,
      ...detailsOf(notice),
    },
  };
}

/**
 * Only the release lists the marking uses are sent: a form without JavaScript shows them all, and
 * switching the marking keeps the others (in case the author switches back) without releasing to them.
 */
export function releasedAsMarked(notice: NoticeInput): NoticeInput {
  const amber = notice.tlp === "amber" || notice.tlp === "amber_strict";
  return {
    ...notice,
    releaseAgencyIds: amber ? notice.releaseAgencyIds : [],
    releaseCountryCodes: notice.tlp === "amber" ? notice.releaseCountryCodes : [],
    recipientIds: notice.tlp === "red" ? notice.recipientIds : [],
  };
}

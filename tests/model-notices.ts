import { db } from "~/db/index";
import { noticeRecipients, noticeReleaseAgencies, noticeReleaseCountries, noticeReports } from "~/db/schema";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import type { NoticeStatus, Tlp } from "~/schemas/notice-enums";
import type { ModelNotice, ModelUser } from "~/tests/visibility-model";

/** Who a generated notice is for: users are indexes into the generated users. */
export type AudienceSpec = {
  tlp: Tlp;
  status: NoticeStatus;
  agencies: string[];
  countries: string[];
  recipients: number[];
  /** Who reports it for moderation: nobody, its first recipient, or any user (who may not be one). */
  reporter: "none" | "recipient" | number;
};

/**
 * Writes the audience of the generated notice `id` (release lists, RED recipients, the report) as
 * the spec says, and returns the notice as the model (tests/visibility-model.ts) sees it.
 */
export async function insertAudience(id: string, author: ModelUser, spec: AudienceSpec, model: ModelUser[]): Promise<ModelNotice> {
  if (spec.agencies.length) await db.insert(noticeReleaseAgencies).values(spec.agencies.map((agencyId) => ({ noticeId: id, agencyId })));
  if (spec.countries.length) await db.insert(noticeReleaseCountries).values(spec.countries.map((countryCode) => ({ noticeId: id, countryCode })));
  const recipients = [...new Set(spec.recipients.map((r) => model[r]!.id))];
  if (recipients.length) await db.insert(noticeRecipients).values(recipients.map((userId) => ({ noticeId: id, userId })));
  const reporter = spec.reporter === "none" ? null : spec.reporter === "recipient" ? (recipients[0] ?? null) : model[spec.reporter]!.id;
  if (reporter) await db.insert(noticeReports).values({ noticeId: id, reporterId: reporter, reason: REPORT_REASONS[0] });
  return {
    id,
    authorId: author.id,
    agencyId: author.agencyId,
    tlp: spec.tlp,
    status: spec.status,
    agencies: spec.agencies,
    countries: spec.countries,
    recipients,
    reported: reporter !== null && recipients.includes(reporter),
  };
}

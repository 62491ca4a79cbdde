import { db } from "~/db/index";
import { noticeRecipients, noticeReleaseAgencies, noticeReleaseCountries, noticeReports, notices } from "~/db/schema";
import { REPORT_REASONS } from "~/schemas/moderation-enums";
import type { NoticeKind, NoticeStatus, Tlp } from "~/schemas/notice-enums";
import type { ModelNotice, ModelUser } from "~/tests/visibility-model";
import { CROSSINGS } from "~/tests/visibility-world-spec";

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

/**
 * Writes a generated notice's own row: by `author`, at the world's crossing of index `crossing`
 * (none past the end of the list, placed in Tajikistan), published now when released. Returns its id.
 */
export async function insertNoticeRow(
  author: ModelUser,
  spec: { tlp: Tlp; status: NoticeStatus; crossing: number },
  row: { kind: NoticeKind; title: string; occurredOn: string },
): Promise<string> {
  const crossing = CROSSINGS[spec.crossing];
  const released = spec.status === "published" || spec.status === "retracted";
  const [inserted] = await db
    .insert(notices)
    .values({
      ...row,
      crossingId: crossing?.id ?? null,
      countryCode: crossing?.country ?? "TJ",
      agencyId: author.agencyId,
      authorId: author.id,
      tlp: spec.tlp,
      status: spec.status,
      sourceReliability: "B",
      infoCredibility: 2,
      handlingCode: "intelligence_only",
      publishedAt: released ? new Date() : null,
    })
    .returning({ id: notices.id });
  return inserted!.id;
}

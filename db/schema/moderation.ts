import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { MODERATION_ACTIONS, REPORT_REASONS, REPORT_STATUSES } from "../../schemas/moderation-enums";
import { agencies } from "./agencies";
import { ts, timestamps } from "./columns";
import { notices } from "./notices";
import { users } from "./users";

export const reportReason = pgEnum("report_reason", REPORT_REASONS);
export const reportStatus = pgEnum("report_status", REPORT_STATUSES);
export const moderationAction = pgEnum("moderation_action", MODERATION_ACTIONS);

/**
 * A member asks coordinators to look at a notice they can read. One open report per reader and
 * notice; the visibility rule reads (notice_id, reporter_id) to let coordinators see a RED notice
 * that one of its recipients reported.
 */
export const noticeReports = pgTable(
  "notice_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    reporterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    reason: reportReason().notNull(),
    note: text().notNull().default(""),
    status: reportStatus().notNull().default("open"),
    resolvedById: uuid().references(() => users.id, { onDelete: "restrict" }),
    resolvedAt: ts(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("notice_reports_open_key")
      .on(t.noticeId, t.reporterId)
      .where(sql`status = 'open'`),
    index("notice_reports_notice_reporter_idx").on(t.noticeId, t.reporterId),
    index("notice_reports_open_idx")
      .on(t.createdAt)
      .where(sql`status = 'open'`),
  ],
);

/**
 * The moderation log: every coordinator decision with the reason its author is shown. Kept per
 * agency concerned, which reads its own entries. Redacted originals never go here (only the
 * audit log keeps them, for the notice's own agency).
 */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    agencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    actorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    action: moderationAction().notNull(),
    reason: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("moderation_actions_notice_idx").on(t.noticeId, t.id.desc()), index("moderation_actions_agency_idx").on(t.agencyId, t.id.desc())],
);

/** A regional alert shown above every feed for a period. */
export const noticePins = pgTable(
  "notice_pins",
  {
    noticeId: uuid()
      .primaryKey()
      .references(() => notices.id, { onDelete: "cascade" }),
    pinnedById: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    startsAt: ts().notNull().defaultNow(),
    endsAt: ts().notNull(),
    ...timestamps,
  },
  (t) => [index("notice_pins_ends_idx").on(t.endsAt), check("notice_pins_period", sql`${t.endsAt} > ${t.startsAt}`)],
);

/** Agencies credited on a notice besides its originator: the reporters of duplicates merged into it. */
export const noticeCredits = pgTable(
  "notice_credits",
  {
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    agencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.agencyId] })],
);

/** A duplicate merged away answers with the notice it was merged into. */
export const noticeRedirects = pgTable(
  "notice_redirects",
  {
    fromNoticeId: uuid()
      .primaryKey()
      .references(() => notices.id, { onDelete: "cascade" }),
    toNoticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [index("notice_redirects_to_idx").on(t.toNoticeId), check("notice_redirects_not_self", sql`${t.fromNoticeId} <> ${t.toNoticeId}`)],
);

import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { noticeEvents, type NoticeEventKind } from "./notice-events";
import { notices } from "./notices";
import { users } from "./users";

/**
 * Why a user heard of a notice event, as it was when the fan-out wrote the notification: one of
 * their subscriptions (its criteria then, so a later edit or removal does not rewrite history),
 * their watch of the notice, or the notice being theirs. Names are resolved in the reader's
 * language when shown.
 */
export type NotificationMatch =
  | {
      via: "subscription";
      crossingIds: string[];
      substanceIds: string[];
      countryCodes: string[];
      countryRole: "any" | "location" | "origin" | "destination";
      kinds: string[];
      agencyIds: string[];
    }
  | { via: "watch" }
  // A deconfliction request about the reader's agency's notice, or the answer to the reader's own.
  | { via: "deconfliction"; step: "requested" | "released" | "declined" | "replied" }
  | { via: "author" };

/**
 * The in-app notification centre: one row per recipient per notice event. Unique per
 * (user, event), so a retried fan-out never notifies twice. The id orders the list and is the
 * realtime stream's event id a reconnecting client resumes from.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    eventId: bigint({ mode: "number" })
      .notNull()
      .references(() => noticeEvents.id, { onDelete: "cascade" }),
    kind: text().$type<NoticeEventKind>().notNull(),
    // Null for notifications written before migration 0017.
    matched: jsonb().$type<NotificationMatch>(),
    createdAt: ts().notNull().defaultNow(),
    readAt: ts(),
  },
  (t) => [
    uniqueIndex("notifications_user_event_key").on(t.userId, t.eventId),
    index("notifications_user_idx").on(t.userId, t.id.desc()),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`read_at IS NULL`),
    index("notifications_event_idx").on(t.eventId),
    index("notifications_notice_idx").on(t.noticeId),
  ],
);

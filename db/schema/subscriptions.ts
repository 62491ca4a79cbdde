import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, char, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { COUNTRY_ROLES, DELIVERIES } from "../../schemas/subscription-enums";
import { GIN_WITHOUT_PENDING_LIST, ts, timestamps } from "./columns";
import { noticeEvents } from "./notice-events";
import { noticeKind, notices } from "./notices";
import { users } from "./users";

export const delivery = pgEnum("delivery", DELIVERIES);
export const countryRole = pgEnum("country_role", COUNTRY_ROLES);

/**
 * A user's feed of notices (filter columns, empty = any) or, with `noticeId`, a watch on one
 * notice's updates. Each says how it is delivered; in-app always, email on top.
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    noticeId: uuid().references(() => notices.id, { onDelete: "cascade" }),
    crossingIds: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    substanceIds: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    countryCodes: char({ length: 2 })
      .array()
      .notNull()
      .default(sql`'{}'`),
    countryRole: countryRole().notNull().default("any"),
    kinds: noticeKind()
      .array()
      .notNull()
      .default(sql`'{}'`),
    agencyIds: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    delivery: delivery().notNull(),
    ...timestamps,
  },
  (t) => [
    index("subscriptions_user_idx").on(t.userId),
    uniqueIndex("subscriptions_watch_key")
      .on(t.userId, t.noticeId)
      .where(sql`notice_id IS NOT NULL`),
    index("subscriptions_crossings_idx").using("gin", t.crossingIds).with(GIN_WITHOUT_PENDING_LIST),
  ],
);

/** Per-user mail switches that are not about one subscription. */
export const mailSettings = pgTable("mail_settings", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // Moderation and review messages are separate from new-notice alerts, and can be turned off alone.
  moderationEmails: boolean().notNull().default(true),
  ...timestamps,
});

/**
 * One email sent (or skipped as empty) per key: `daily:<user>:<date>`, `instant:<user>:<first item>`.
 * The unique key is what makes a digest go out once per period, however often the job runs; the
 * Message-ID is derived from it, so a resend after a crash is recognisable as the same message.
 */
export const mailDeliveries = pgTable(
  "mail_deliveries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dedupeKey: text().notNull(),
    messageId: text().notNull(),
    itemCount: integer().notNull().default(0),
    sentAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mail_deliveries_key").on(t.dedupeKey), index("mail_deliveries_user_idx").on(t.userId)],
);

/**
 * A notice event waiting to be mailed to one user by one channel (instant, daily, weekly).
 * Unique per (user, event, channel): a notice matching several of a user's subscriptions is
 * mentioned once. `deliveryId` is set when a message took it.
 */
export const mailItems = pgTable(
  "mail_items",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: bigint({ mode: "number" })
      .notNull()
      .references(() => noticeEvents.id, { onDelete: "cascade" }),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    subscriptionId: uuid().references(() => subscriptions.id, { onDelete: "set null" }),
    delivery: delivery().notNull(),
    // The message that took the item: written by the statement that inserts that message's
    // delivery row, in its transaction, so it names an existing row by construction. Not a
    // foreign key: a digest run takes over a million items, and the check per item was a share of
    // the run's PostgreSQL time; and a delivery removed one day must never make its items pending
    // again (ON DELETE SET NULL would have mailed them a second time).
    deliveryId: bigint({ mode: "number" }),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mail_items_user_event_key").on(t.userId, t.eventId, t.delivery),
    index("mail_items_pending_idx")
      .on(t.delivery, t.userId, t.createdAt)
      .where(sql`delivery_id IS NULL`),
  ],
);

/** Outgoing mail kept in the database when no SMTP server is configured (demo, development). */
export const mailbox = pgTable(
  "mailbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    messageId: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: text().notNull().default(""),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index("mailbox_created_idx").on(t.createdAt.desc())],
);

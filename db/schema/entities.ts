import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { DECONFLICTION_STATUSES } from "../../schemas/deconfliction-enums";
import { agencies } from "./agencies";
import { ENTITY_KINDS, ENTITY_ROLES } from "../../schemas/entity-enums";
import { GIN_WITHOUT_PENDING_LIST, timestamps, ts } from "./columns";
import { notices } from "./notices";
import { users } from "./users";

export const entityKind = pgEnum("entity_kind", ENTITY_KINDS);
export const entityRole = pgEnum("entity_role", ENTITY_ROLES);

/**
 * A company, person, vehicle, container, phone number, HS code, registration number or address,
 * as the one key its spellings normalise to (server/services/notices/identifiers.ts). Derived from
 * notices: it holds no text of any notice beyond the key, and it is shown only through the
 * mentions of notices the viewer may read (eslint.config.js keeps it behind the visibility rule).
 */
export const entities = pgTable(
  "entities",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: entityKind().notNull(),
    key: text().notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("entities_kind_key").on(t.kind, t.key),
    index("entities_key_trgm_idx")
      .using("gin", sql`${t.key} gin_trgm_ops`)
      .with(GIN_WITHOUT_PENDING_LIST),
  ],
);

/**
 * Where a notice names an entity, written with the notice's details in the same transaction. `part`
 * groups the mentions of one thing of the notice (the company of an alert in all its names, the
 * second person arrested), `value` is the spelling the notice used.
 */
export const entityMentions = pgTable(
  "entity_mentions",
  {
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    entityId: uuid()
      .notNull()
      .references(() => entities.id, { onDelete: "restrict" }),
    role: entityRole().notNull(),
    part: smallint().notNull(),
    value: text().notNull(),
    // A person's year of birth as this notice gives it: two people of one name born apart are two.
    birthYear: smallint(),
    // Wagon and container numbers: whether the check digit holds (null where there is none).
    checkDigitValid: boolean(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.role, t.part, t.entityId] }), index("entity_mentions_entity_idx").on(t.entityId, t.noticeId)],
);

/**
 * An analyst's word on two entities whose keys are alike (or not): the same (`same`), so they
 * correlate with full confidence, or not the same, so they no longer correlate. One per pair,
 * smaller id first; changing one's mind replaces it. Audited (entities.decide).
 */
export const entityDecisions = pgTable(
  "entity_decisions",
  {
    entityA: uuid()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    entityB: uuid()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    same: boolean().notNull(),
    decidedById: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.entityA, t.entityB] }),
    index("entity_decisions_b_idx").on(t.entityB),
    check("entity_decisions_ordered", sql`${t.entityA} < ${t.entityB}`),
  ],
);

/**
 * Notices written before entities were extracted (filled by the migration that made these tables),
 * waiting for `npm run db:migrate` to extract theirs in TypeScript (server/services/entities/
 * backfill.ts): pinyin and phone numbering are libraries, not SQL. Empty once done.
 */
export const entityBackfill = pgTable("entity_backfill", {
  noticeId: uuid()
    .primaryKey()
    .references(() => notices.id, { onDelete: "cascade" }),
});

export const deconflictionStatus = pgEnum("deconfliction_status", DECONFLICTION_STATUSES);

/**
 * Deconfliction (issue 19): an agency whose readable notice names an entity asks for a notice it
 * may not read that names the same entity, whose author allowed it (`notices.allow_deconfliction`).
 * One row per held notice asked for; the requester is never told which, or how many, until the
 * holder releases one to them (through the notice's own release list, so the visibility rule
 * decides). `entityId` is the requester's entity (the one their notice names). At most one open
 * request per requesting agency, entity and notice: a resent form changes nothing.
 */
export const deconflictionRequests = pgTable(
  "deconfliction_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    entityId: uuid()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    requesterAgencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    requesterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    // The requester's own notice that names the entity: where their outcome is told.
    fromNoticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    message: text().notNull().default(""),
    status: deconflictionStatus().notNull().default("open"),
    reply: text(),
    answeredById: uuid().references(() => users.id, { onDelete: "restrict" }),
    answeredAt: ts(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("deconfliction_requests_open_key")
      .on(t.noticeId, t.entityId, t.requesterAgencyId)
      .where(sql`status = 'open'`),
    index("deconfliction_requests_requester_idx").on(t.requesterAgencyId, t.createdAt.desc()),
    index("deconfliction_requests_notice_idx").on(t.noticeId, t.createdAt.desc()),
    check("deconfliction_requests_message_length", sql`length(${t.message}) <= 2000 AND length(coalesce(${t.reply}, '')) <= 2000`),
  ],
);

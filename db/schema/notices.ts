import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
  customType,
} from "drizzle-orm/pg-core";
import { HANDLING_CODES, NOTICE_KINDS, NOTICE_STATUSES, SOURCE_RELIABILITY, TLP_LEVELS } from "../../schemas/notice-enums";
import { agencies } from "./agencies";
import { GIN_WITHOUT_PENDING_LIST, ts, timestamps } from "./columns";
import { countries, crossings } from "./reference";
import { users } from "./users";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const noticeKind = pgEnum("notice_kind", NOTICE_KINDS);
export const tlp = pgEnum("tlp", TLP_LEVELS);
export const noticeStatus = pgEnum("notice_status", NOTICE_STATUSES);
export const sourceReliability = pgEnum("source_reliability", SOURCE_RELIABILITY);
export const handlingCode = pgEnum("handling_code", HANDLING_CODES);

/**
 * What every kind of notice shares: the feed, visibility, search and pagination run on this
 * table alone. Kind-specific facts live in one details table per kind.
 */
export const notices = pgTable(
  "notices",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: noticeKind().notNull(),
    title: text().notNull(),
    narrative: text().notNull().default(""),
    occurredOn: date({ mode: "string" }).notNull(),
    // Set when the time of day is known; shown in each reader's time zone.
    occurredAt: ts(),
    crossingId: text().references(() => crossings.id, { onDelete: "restrict" }),
    placeText: text(),
    // Where it happened: the crossing's country, or the country of the free-text place.
    countryCode: char({ length: 2 }).references(() => countries.code, { onDelete: "restrict" }),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    agencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    tlp: tlp().notNull(),
    status: noticeStatus().notNull(),
    sourceReliability: sourceReliability().notNull(),
    infoCredibility: smallint().notNull(),
    handlingCode: handlingCode().notNull(),
    // The author lets agencies that cannot read the notice, but name what it names, ask for it
    // (deconfliction, issue 19). Never on a RED notice (a CHECK below, and the input schema).
    allowDeconfliction: boolean().notNull().default(false),
    // Optimistic concurrency: an edit names the version it started from.
    version: integer().notNull().default(1),
    publishedAt: ts(),
    releasedById: uuid().references(() => users.id, { onDelete: "restrict" }),
    retractedAt: ts(),
    retractedReason: text(),
    // A retried create (double click, flaky link) carries the same key and finds the first notice.
    idempotencyKey: uuid(),
    // A digest of what that create carried: the same key with other content is refused rather
    // than answered with a notice that is not what the author sent (null before migration 0016).
    idempotencyDigest: text(),
    // Names of companies and people, kept by the notices service for trigram (misspelling) search.
    searchNames: text().notNull().default(""),
    // Identifiers (plates, wagon and container numbers, registration numbers, a declared HS code)
    // as normalised keys (server/services/notices/identifiers.ts), and the declared-as text: kept
    // by the notices service from the kind's details, which the generated vector cannot read.
    searchIdentifiers: text().notNull().default(""),
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        // The words of each part, plus the character pairs of any Chinese, Japanese or Korean
        // text (cjk_bigrams, migration 0007), which has no spaces between words; the identifiers;
        // and the stems of the words (the 'russian' configuration stems Cyrillic words with
        // Russian's rules and Latin ones with English's), so that any case form of a word finds
        // the others.
        sql`setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', search_names), 'A') || setweight(to_tsvector('simple', coalesce(narrative, '')), 'B') || to_tsvector('simple', cjk_bigrams(coalesce(title, '') || ' ' || search_names || ' ' || coalesce(narrative, ''))) || setweight(to_tsvector('simple', search_identifiers), 'A') || to_tsvector('russian', coalesce(title, '') || ' ' || coalesce(narrative, '') || ' ' || search_identifiers)`,
      ),
    // A list line's text: the start of the narrative as plain text, cut at a word (migration
    // 0010). Kept with the row because the feed shows it on every line of every page, and because
    // a redaction, which rewrites the narrative in SQL, then rewrites it too.
    excerpt: text().generatedAlwaysAs(sql`notice_excerpt(narrative)`),
    // A seizure's items in brief, kept from seizure_items by a trigger (migration 0012): what a
    // list line says (the substances in item order, whether any is unidentified, the total mass)
    // and what the substance filter tests, read with the row instead of a lookup per line.
    substanceIds: text()
      .array()
      .notNull()
      .default(sql`'{}'`),
    seizureUnidentified: boolean().notNull().default(false),
    seizureMassKg: numeric({ precision: 14, scale: 3, mode: "number" }),
    ...timestamps,
  },
  (t) => [
    // The feed: newest first, keyset pagination on (published_at, id); both columns are set for
    // every published notice, and the index order matches the query's ORDER BY exactly.
    index("notices_feed_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    index("notices_crossing_feed_idx")
      .on(t.crossingId, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    index("notices_agency_feed_idx")
      .on(t.agencyId, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    index("notices_country_feed_idx")
      .on(t.countryCode, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    // Search results and the TLP filter, newest first, in the same order as the feed.
    index("notices_released_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`status IN ('published', 'retracted')`),
    // The substance filter of a rare substance: its notices, sorted, rather than a long walk of the feed.
    index("notices_substances_idx")
      .using("gin", t.substanceIds)
      .with(GIN_WITHOUT_PENDING_LIST)
      .where(sql`status = 'published'`),
    index("notices_tlp_feed_idx")
      .on(t.tlp, t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    // Retracted notices, drafts and notices awaiting release are listed by creation.
    index("notices_unpublished_idx")
      .on(t.status, t.createdAt.desc(), t.id.desc())
      .where(sql`status <> 'published'`),
    // A date range far in the past: the planner reads that period's notices and sorts them
    // rather than walking twenty years of the feed index from the newest end.
    index("notices_occurred_idx")
      .on(t.occurredOn)
      .where(sql`status = 'published'`),
    index("notices_author_idx").on(t.authorId, t.createdAt.desc()),
    index("notices_search_idx").using("gin", t.searchVector).with(GIN_WITHOUT_PENDING_LIST),
    index("notices_names_trgm_idx")
      .using("gin", sql`${t.searchNames} gin_trgm_ops`)
      .with(GIN_WITHOUT_PENDING_LIST),
    uniqueIndex("notices_idempotency_key").on(t.authorId, t.idempotencyKey),
    check("notices_credibility_range", sql`${t.infoCredibility} BETWEEN 1 AND 6`),
    // People are named in arrest notifications: never for the whole community.
    check("notices_arrest_not_public", sql`${t.kind} <> 'arrest' OR ${t.tlp} NOT IN ('clear', 'green')`),
    check("notices_deconfliction_not_red", sql`NOT ${t.allowDeconfliction} OR ${t.tlp} <> 'red'`),
    check("notices_published_at", sql`${t.status} NOT IN ('published', 'retracted') OR ${t.publishedAt} IS NOT NULL`),
  ],
);

/**
 * The substance filter's index: one row per substance of each published notice (`substance_ids`),
 * with the notice's TLP and publication time, kept by a trigger on notices (migration 0019). An
 * array's elements cannot be a btree's keys; here they are, in the feed's order, so that the
 * seizures of one substance are walked newest first (at one TLP too) whether the substance is rare
 * or common, and one plan serves every substance. Who may read a notice is still decided on the
 * notice, by the visibility rule; nothing here says it.
 */
export const noticeSubstances = pgTable(
  "notice_substances",
  {
    // Copied from the notice, whose items reference the substance. No foreign keys: with one to
    // notices, a bulk insert of notices checked each new row against a table that grows in the
    // same statement, by a plan made while it was small (a scan each time: minutes for 20,000
    // seizures). The trigger removes a deleted notice's rows.
    substanceId: text().notNull(),
    noticeId: uuid().notNull(),
    tlp: tlp().notNull(),
    publishedAt: ts().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.substanceId] }),
    // In the feed's order exactly (DESC NULLS LAST on both), as notices_feed_idx.
    index("notice_substances_feed_idx").on(t.substanceId, t.publishedAt.desc(), t.noticeId.desc()),
    index("notice_substances_tlp_feed_idx").on(t.substanceId, t.tlp, t.publishedAt.desc(), t.noticeId.desc()),
  ],
);

/** AMBER and AMBER+STRICT: the agencies a notice is released to, besides its own. */
export const noticeReleaseAgencies = pgTable(
  "notice_release_agencies",
  {
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    agencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.agencyId] }), index("notice_release_agencies_agency_idx").on(t.agencyId, t.noticeId)],
);

/** AMBER only: whole member countries a notice is released to (all their agencies). */
export const noticeReleaseCountries = pgTable(
  "notice_release_countries",
  {
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    countryCode: char({ length: 2 })
      .notNull()
      .references(() => countries.code, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.countryCode] }), index("notice_release_countries_country_idx").on(t.countryCode, t.noticeId)],
);

/** RED: the named people, besides the author, who may read it. */
export const noticeRecipients = pgTable(
  "notice_recipients",
  {
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] }), index("notice_recipients_user_idx").on(t.userId, t.noticeId)],
);

/**
 * The words of the names of companies and their owners that every member may read (CLEAR and
 * GREEN notices, published or retracted), for spelling suggestions: a misspelt name in a search
 * is replaced by the words it is close to (pg_trgm on this small table), and the notices are then
 * found through the full-text index. Nothing a searcher may not read is in it, so a word known
 * only from a draft, an AMBER or a RED notice is looked up exactly like a word that occurs
 * nowhere. Kept by triggers on notices (migration 0013): `notices` counts the notices everyone
 * reads that name the word, and a word leaves when none does any more (a narrower marking, a
 * redaction, a merge).
 */
export const searchWords = pgTable("search_words", { word: text().primaryKey(), notices: integer().notNull() }, (t) => [
  index("search_words_trgm_idx")
    .using("gin", sql`${t.word} gin_trgm_ops`)
    .with(GIN_WITHOUT_PENDING_LIST),
]);

/** "Related to": stored once per pair, smaller id first. */
export const noticeLinks = pgTable(
  "notice_links",
  {
    noticeA: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    noticeB: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    createdById: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.noticeA, t.noticeB] }),
    index("notice_links_b_idx").on(t.noticeB),
    check("notice_links_ordered", sql`${t.noticeA} < ${t.noticeB}`),
  ],
);

/** Every edit keeps the notice as it was before, so readers can see what changed. */
export const noticeVersions = pgTable(
  "notice_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    noticeId: uuid()
      .notNull()
      .references(() => notices.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    changedFields: text().array().notNull(),
    editedById: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("notice_versions_notice_version_key").on(t.noticeId, t.version)],
);

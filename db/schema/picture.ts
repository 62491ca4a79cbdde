import { sql } from "drizzle-orm";
import { date, integer, numeric, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { noticeKind, tlp } from "./notices";

/**
 * The regional picture's pre-aggregate (migrations 0029 and 0030), kept by statement triggers on
 * notices, the release lists, agencies, seizure items, seizure details and company alerts. Nothing here decides
 * who may read a notice: the rows are grouped by visibility CLASS, each class a set of published
 * notices that the rule (`visibleTo`) lets a whole group of readers read:
 *  - `all`: CLEAR and GREEN (every member);
 *  - `amber`: every AMBER and AMBER+STRICT notice (the UNODC coordinators, with `all`);
 *  - `agency:<id>`: the AMBER and AMBER+STRICT notices that agency reads (its own, listed, or of a
 *    listed country).
 * A reader's classes are disjoint (`all` and their agency's, or `all` and `amber`); RED notices and
 * what one person reads beyond their classes are counted live (server/services/picture/classes.ts).
 */

/** One published notice in a class: what it adds to the counts, and to which classes. */
export const pictureNotices = pgTable("picture_notices", {
  // No foreign key (as notice_substances): the triggers remove a deleted notice's row.
  noticeId: uuid().primaryKey(),
  month: date({ mode: "string" }).notNull(),
  kind: noticeKind().notNull(),
  tlp: tlp().notNull(),
  classes: text().array().notNull(),
  // The filters it matches: `-` (none), `c:<crossing>`, `a:<agency>`, `s:<substance>`, `n:<country>`,
  // and beside each the kilograms it adds under that filter.
  dims: text().array().notNull(),
  kgs: numeric({ mode: "string" }).array().notNull(),
  // What it adds to the trends' "top" lists, as `<list>:<text>` (the text trimmed, never empty):
  // `concealment:` and `declared_as:` of a seizure, `company:` (its first name) of a company alert.
  texts: text()
    .array()
    .notNull()
    .default(sql`'{}'`),
});

/** Notices and kilograms per class, filter, month and kind; the TLP mix for a file's marking. */
export const pictureCounts = pgTable(
  "picture_counts",
  {
    class: text().notNull(),
    dim: text().notNull(),
    month: date({ mode: "string" }).notNull(),
    kind: noticeKind().notNull(),
    n: integer().notNull(),
    kg: numeric({ mode: "string" }).notNull(),
    nGreen: integer().notNull(),
    nAmber: integer().notNull(),
    nAmberStrict: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.class, t.dim, t.month, t.kind] })],
);

/**
 * The trends' "top" lists: notices per class, filter, list, month and text as written (trimmed).
 * A list groups its texts without regard to case when it is read (server/services/picture/trends.ts),
 * so that it shows the first spelling of each, as the live path does.
 */
export const pictureTexts = pgTable(
  "picture_texts",
  {
    class: text().notNull(),
    dim: text().notNull(),
    list: text().notNull(),
    month: date({ mode: "string" }).notNull(),
    label: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.class, t.dim, t.list, t.month, t.label] })],
);

/** The same over all time (the open period), so that a list over all time reads each text once per class and filter. */
export const pictureTextTotals = pgTable(
  "picture_text_totals",
  {
    class: text().notNull(),
    dim: text().notNull(),
    list: text().notNull(),
    label: text().notNull(),
    n: integer().notNull(),
    // What the list groups by, kept with the row: over all time a list groups tens of thousands of
    // company names, and lowering each on every read was a quarter of the statement.
    grp: text()
      .notNull()
      .generatedAlwaysAs(sql`lower(label)`),
  },
  (t) => [primaryKey({ columns: [t.class, t.dim, t.list, t.label] })],
);

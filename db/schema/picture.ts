import { date, integer, numeric, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { noticeKind, tlp } from "./notices";

/**
 * The regional picture's pre-aggregate (migration 0029), kept by statement triggers on notices,
 * the release lists, agencies, seizure items and seizure details. Nothing here decides
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

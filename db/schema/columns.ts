import { sql } from "drizzle-orm";
import { text, timestamp } from "drizzle-orm/pg-core";

// Millisecond precision: a JS Date carries no more, so a timestamp read back and used as a cursor
// or a comparison value is exactly the one stored.
export const ts = (name?: string) => (name ? timestamp(name, { withTimezone: true, precision: 3 }) : timestamp({ withTimezone: true, precision: 3 }));

export const timestamps = {
  createdAt: ts().notNull().defaultNow(),
  updatedAt: ts()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/**
 * The storage of a GIN index that is read on every search and written at a human pace. With
 * PostgreSQL's default (fastupdate on) new entries wait in a pending list that every scan reads
 * through from start to end until a vacuum merges it, and the planner, seeing the list, may not use
 * the index at all: at a million notices a spelling lookup in search_words took 27 ms with 17,000
 * pending words, and 0.1 ms once they were merged. Off, each write updates the index itself.
 */
export const GIN_WITHOUT_PENDING_LIST = { fastupdate: false } as const;

/** A list of strings, empty rather than null when there is none. */
export const textList = () =>
  text()
    .array()
    .notNull()
    .default(sql`'{}'`);

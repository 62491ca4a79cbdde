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

/** A list of strings, empty rather than null when there is none. */
export const textList = () =>
  text()
    .array()
    .notNull()
    .default(sql`'{}'`);

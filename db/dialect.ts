import { PgDialect } from "drizzle-orm/pg-core";

/**
 * Drizzle's PostgreSQL dialect with the client's casing (db/index.ts), for code that writes a
 * query out as SQL text and parameters itself: raw-SQL jobs, and benchmarks and tests that EXPLAIN.
 */
export const dialect = new PgDialect({ casing: "snake_case" });

import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { API_SCOPES } from "../../schemas/api-key-enums";
import { agencies } from "./agencies";
import { ts, timestamps } from "./columns";
import { users } from "./users";

// Keys of the machine API (/api/v1), each held by a service account of one agency. Only the
// SHA-256 of the secret part is kept: a copy of the table lets no one call the API. The prefix is
// the key's public half, by which a request finds its row (server/auth/api-keys.ts).
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The service account's agency, kept here so that an admin's list and revocation scope in one condition.
    agencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    scopes: text({ enum: API_SCOPES }).array().notNull(),
    expiresAt: ts().notNull(),
    lastUsedAt: ts(),
    revokedAt: ts(),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedById: uuid().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    index("api_keys_agency_idx").on(t.agencyId, t.createdAt),
    index("api_keys_user_idx").on(t.userId),
    check("api_keys_scopes_present", sql`cardinality(${t.scopes}) > 0`),
  ],
);

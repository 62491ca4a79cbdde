import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ts, timestamps } from "./columns";
import { users } from "./users";

// A user's TOTP authenticator. The secret is stored encrypted (AES-256-GCM, server/auth/mfa-crypto)
// so that a copy of the database alone cannot mint codes.
export const totpCredentials = pgTable("totp_credentials", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretCiphertext: text().notNull(),
  // Null while enrolment is pending: the user has not yet proved with a code that their app holds it.
  confirmedAt: ts(),
  // The 30-second step of the last accepted code: a code is accepted only for a later step, in one
  // conditional UPDATE, so a code (or an older one) never works twice, even under concurrent submissions.
  lastUsedStep: bigint({ mode: "number" }),
  ...timestamps,
});

// One-time recovery codes for a lost authenticator; only their SHA-256 is kept.
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: ts(),
    ...timestamps,
  },
  (t) => [uniqueIndex("recovery_codes_hash_key").on(t.userId, t.codeHash), index("recovery_codes_user_idx").on(t.userId)],
);

// Failed sign-in counters, one row per key (an account or a client address), shared by every app
// instance through the database. A window opens at the first failure and closes `window` later.
export const authThrottle = pgTable("auth_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: ts().notNull(),
  ...timestamps,
});

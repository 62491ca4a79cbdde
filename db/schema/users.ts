import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "../../server/auth/roles";
import { agencies } from "./agencies";
import { ts, timestamps } from "./columns";
import { crossings } from "./reference";

export const role = pgEnum("role", ROLES);
export const userStatus = pgEnum("user_status", ["invited", "active", "disabled"]);
export const locale = pgEnum("locale", ["en", "ru", "zh"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index on lower(email) keeps that true for any writer.
    email: text().notNull(),
    name: text().notNull(),
    agencyId: text()
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    role: role().notNull(),
    dutyStationId: text().references(() => crossings.id, { onDelete: "set null" }),
    locale: locale().notNull().default("en"),
    timeZone: text().notNull().default("Asia/Almaty"),
    status: userStatus().notNull().default("invited"),
    passwordHash: text(),
    // Bumped whenever the user is disabled, changes role or agency, or changes password: every
    // session minted under an older version is refused at its next request.
    sessionVersion: integer().notNull().default(1),
    // This user's notices wait for a UNODC coordinator's approval before anyone else sees them.
    preModerated: boolean().notNull().default(false),
    // A machine's account, used only through its API keys (db/schema/api-keys.ts): it has no
    // password, no session can be loaded for it, and no invitation can be sent to it.
    serviceAccount: boolean().notNull().default(false),
    lastSignInAt: ts(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_agency_idx").on(t.agencyId),
    // Whatever writes the row, a service account never gets a password to sign in with.
    check("users_service_account_no_password", sql`NOT ${t.serviceAccount} OR ${t.passwordHash} IS NULL`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sessionVersion: integer().notNull(),
    // Set when the session passed the second factor; until then it reaches only the MFA step.
    mfaVerifiedAt: ts(),
    lastSeenAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    ip: text(),
    userAgent: text(),
    ...timestamps,
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const tokenPurpose = pgEnum("token_purpose", ["invitation"]);

// One-time links: only the SHA-256 of the token is kept, so a leaked table grants nothing.
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: tokenPurpose().notNull(),
    tokenHash: text().notNull(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    ...timestamps,
  },
  (t) => [uniqueIndex("user_tokens_hash_key").on(t.tokenHash), index("user_tokens_user_idx").on(t.userId)],
);

import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";

// Append-only. A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE for every role and
// fills prev_hash/hash, chaining each entry to the one before it so tampering is detectable.
// No foreign keys: the log must outlive what it talks about.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: ts().notNull().defaultNow(),
    action: text().notNull(),
    actorUserId: uuid(),
    actorAgencyId: text(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text(),
    hash: text(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_target_idx").on(t.targetType, t.targetId), index("audit_log_actor_idx").on(t.actorUserId)],
);

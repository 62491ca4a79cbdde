import type { DbOrTx } from "~/db/index";
import { auditLog } from "~/db/schema";

export type AuditEntry = {
  action: string;
  // A Viewer fits here: its request's address is recorded unless `ip` says otherwise.
  actor?: { userId: string; agencyId: string; ip?: string | null } | null;
  target?: { type: string; id: string };
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Appends to the audit log. Pass the transaction of the change being recorded, so both or neither land. */
export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    action: entry.action,
    actorUserId: entry.actor?.userId ?? null,
    actorAgencyId: entry.actor?.agencyId ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip ?? entry.actor?.ip ?? null,
    details: entry.details ?? {},
  });
}

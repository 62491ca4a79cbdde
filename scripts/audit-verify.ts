import { verifyAuditChain } from "~/server/services/audit-trail/verify";
import { withDatabase } from "./lib/launch";

// Proves the audit log's hash chain intact, or names the first entry where it breaks (exit 1).
await withDatabase(async () => {
  const { db } = await import("~/db/index");
  const report = await verifyAuditChain(db);
  await db.$client.end();
  if (report.intact) {
    console.log(`Audit log intact: ${report.entries} entries, chain verified up to entry ${report.lastId ?? "-"}.`);
    return 0;
  }
  const why =
    report.problem === "hash_mismatch"
      ? "its contents do not match its hash (altered)"
      : "it does not follow the entry before it (an earlier entry altered, removed or inserted)";
  console.error(`Audit log BROKEN at entry ${report.brokenId}: ${why}. ${report.entries} entries before it verified.`);
  return 1;
});
